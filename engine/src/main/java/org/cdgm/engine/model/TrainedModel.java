package org.cdgm.engine.model;

import org.cdgm.engine.model.network.ContrastiveVae;
import org.cdgm.engine.numeric.HostBuffer;
import org.cdgm.engine.numeric.NativeThreads;

import java.util.List;
import java.util.Objects;

import org.cdgm.engine.data.BatchCovariate;
import org.cdgm.engine.data.CellMatrix;
import org.cdgm.engine.data.InvalidInputException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fitted contrastive VAE (scvi-tools' "model", Tribuo's Model): architecture, parameter values, the genes it
 * was trained on, its batch covariate (the metadata column and levels, if it was trained with one) and provenance
 * (how it was made, {@link ModelProvenance}). Immutable; the parameter vector is a private copy.
 */
public final class TrainedModel {
    private static final int CHUNK = 4096;

    private final ModelConfig config;
    private final INDArray params;
    private final List<String> genes;
    private final BatchCovariate batch;
    private final ModelProvenance provenance;
    private final ContrastiveVae module;

    /**
     * @param params     1 x n flat parameters in the layout of {@code new ContrastiveVae(config).layout()}
     * @param genes      the genes, in the order the model's input columns have
     * @param provenance how the model was made; its gene fingerprint, when known, must be that of {@code genes}
     * @throws IllegalArgumentException when the parameter count, gene count or gene fingerprint does not fit, or the
     *                                  model has a batch covariate ({@link #TrainedModel(ModelConfig, INDArray, List,
     *                                  BatchCovariate, ModelProvenance)})
     */
    public TrainedModel(ModelConfig config, INDArray params, List<String> genes, ModelProvenance provenance) {
        this(config, params, genes, null, provenance);
    }

    /**
     * A model with a batch covariate (or without one: {@code batch} null).
     *
     * @param batch the covariate's column and levels, whose count must be {@code config.batchLevels()}; null for a
     *              model without a covariate
     * @throws IllegalArgumentException as the constructor without covariate, or when the levels do not fit the
     *                                  architecture
     */
    public TrainedModel(ModelConfig config, INDArray params, List<String> genes, BatchCovariate batch,
                        ModelProvenance provenance) {
        this.config = Objects.requireNonNull(config, "config");
        int levels = batch == null ? 0 : batch.size();
        if (levels != config.batchLevels()) {
            throw new IllegalArgumentException("The architecture takes " + config.batchLevels() + " batch levels but "
                    + (batch == null ? "no batch covariate was given" : "the batch column " + batch.column()
                    + " has " + levels));
        }
        this.batch = batch;
        this.module = new ContrastiveVae(config);
        if (params.length() != module.layout().totalLength()) {
            throw new IllegalArgumentException("Parameter vector has " + params.length() + " values, the architecture "
                    + "needs " + module.layout().totalLength());
        }
        if (genes.size() != config.genes()) {
            throw new IllegalArgumentException(genes.size() + " gene names for a model of " + config.genes());
        }
        this.params = params.dup().castTo(config.precision().dataType());
        this.genes = List.copyOf(genes);
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        String sha = ModelProvenance.geneListSha256(this.genes);
        if (!provenance.geneListSha256().isEmpty() && !provenance.geneListSha256().equals(sha)) {
            throw new IllegalArgumentException("the gene list does not match its fingerprint in the provenance "
                    + "(SHA-256 " + sha + ", recorded " + provenance.geneListSha256() + ")");
        }
    }

    /** The same model with the name of the data file its cells came from recorded in the provenance. */
    public TrainedModel withSource(String fileName) {
        return new TrainedModel(config, params, genes, batch, provenance.withSourceFile(fileName));
    }

    /** The same model with another provenance (a creation time set for comparing fits, say). */
    public TrainedModel withProvenance(ModelProvenance p) {
        return new TrainedModel(config, params, genes, batch, p);
    }

    public ModelConfig config() {
        return config;
    }

    public List<String> genes() {
        return genes;
    }

    public ModelProvenance provenance() {
        return provenance;
    }

    /** The batch covariate the model was trained with (column and levels), or null when it has none. */
    public BatchCovariate batch() {
        return batch;
    }

    public boolean hasBatchCovariate() {
        return batch != null;
    }

    /**
     * The codes of cells' batch levels for this model.
     *
     * @param values each cell's value in the model's batch column
     * @throws InvalidInputException when the model has no covariate, or a value is missing or a level the model
     *                               did not see in training (naming it and the known levels)
     */
    public int[] batchCodes(List<String> values) {
        if (batch == null) {
            throw new InvalidInputException("The model was trained without a batch column; it takes no batch levels");
        }
        return batch.codes(values);
    }

    /** A copy of the flat parameter vector. */
    public INDArray parameters() {
        return params.dup();
    }

    public ContrastiveVae module() {
        return module;
    }

    /**
     * Posterior means of every cell of the matrix, which must have the model's genes in the model's order; for a
     * model without a batch covariate.
     *
     * @throws InvalidInputException when the gene count differs or the model has a batch covariate (naming its column)
     */
    public Embedding embed(CellMatrix cells) {
        return posterior(cells).means();
    }

    /**
     * As {@link #embed(CellMatrix)}, with each cell's batch level.
     *
     * @param batchCodes per cell its level ({@link #batchCodes(List)}); null only for a model without a covariate
     * @throws InvalidInputException as {@link #posterior(CellMatrix, int[])}
     */
    public Embedding embed(CellMatrix cells, int[] batchCodes) {
        return posterior(cells, batchCodes).means();
    }

    /**
     * The encoders' posteriors q(z|x) and q(t|x) of every cell of the matrix (q(t|x) for background cells too),
     * computed in chunks of 4,096 cells.
     *
     * @param cells cells x genes, the model's genes in the model's order
     * @throws InvalidInputException when the gene count differs from the model's, or the model has a batch
     *                               covariate (naming its column; use {@link #posterior(CellMatrix, int[])})
     */
    public Posterior posterior(CellMatrix cells) {
        return posterior(cells, null);
    }

    /**
     * As {@link #posterior(CellMatrix)}, with each cell's batch level for a model with a batch covariate.
     *
     * @param batchCodes per cell its level ({@link #batchCodes(List)}); null only for a model without a covariate
     * @throws InvalidInputException when the gene count differs from the model's, or the batch codes are missing,
     *                               superfluous or do not fit the cells or the model's levels
     */
    public Posterior posterior(CellMatrix cells, int[] batchCodes) {
        if (cells.genes() != config.genes()) {
            throw new InvalidInputException("The model was trained on " + config.genes() + " genes but the cells have "
                    + cells.genes());
        }
        int n = cells.cells();
        requireBatchCodes(batchCodes, n);
        double[][][] parts = new double[4][n][];
        // native code on one thread: the same numbers whatever OMP_NUM_THREADS the host has (KNIME sets none)
        try (NativeThreads.Lease single = NativeThreads.single()) {
            encodeInChunks(cells, batchCodes, parts);
        }
        return new Posterior(parts[0], parts[1], parts[2], parts[3]);
    }

    /** Encodes the cells CHUNK at a time into parts: shared means, variances, salient means, variances. */
    private void encodeInChunks(CellMatrix cells, int[] batchCodes, double[][][] parts) {
        int n = cells.cells();
        for (int start = 0; start < n; start += CHUNK) {
            int end = Math.min(n, start + CHUNK);
            int[] rows = java.util.stream.IntStream.range(start, end).toArray();
            float[] buf = new float[rows.length * cells.genes()];
            cells.copyRows(rows, buf);
            INDArray x = Nd4j.create(buf, new long[] {rows.length, cells.genes()}, 'c');
            INDArray[] q = module.encodePosterior(params, x, slice(batchCodes, start, end));
            for (int p = 0; p < 4; p++) {
                double[][] chunk = HostBuffer.rows(q[p]);
                if (p % 2 == 1) { // log-variance -> variance
                    for (double[] row : chunk) {
                        for (int j = 0; j < row.length; j++) {
                            row[j] = Math.exp(row[j]);
                        }
                    }
                }
                System.arraycopy(chunk, 0, parts[p], start, rows.length);
            }
        }
    }

    /**
     * The decoder's expected expression at given codes: for count likelihoods each cell's expected share of its
     * library per gene (the softmax of the decoder output, rows sum to 1; scVI's normalised expression at library
     * size 1), for the Gaussian likelihood the decoded mean in the data's units.
     *
     * @param shared  cells x k_z shared coordinates
     * @param salient cells x k_t salient coordinates, or null for t = 0 (what a background cell decodes to)
     * @return cells x genes, in the model's gene order
     * @throws IllegalArgumentException when the coordinates' sizes do not fit the model
     * @throws InvalidInputException    when the model has a batch covariate (naming its column; use
     *                                  {@link #normalizedExpression(double[][], double[][], int[])})
     */
    public double[][] normalizedExpression(double[][] shared, double[][] salient) {
        return normalizedExpression(shared, salient, null);
    }

    /**
     * As {@link #normalizedExpression(double[][], double[][])}, decoded in each cell's batch for a model with a batch
     * covariate (scVI's {@code transform_batch}: pass one level for every cell to see all cells as in that batch).
     *
     * @param batchCodes per cell the batch level to decode in; null only for a model without a covariate
     * @throws IllegalArgumentException when the coordinates' sizes do not fit the model
     * @throws InvalidInputException    when the batch codes are missing, superfluous or do not fit
     */
    public double[][] normalizedExpression(double[][] shared, double[][] salient, int[] batchCodes) {
        int n = shared.length;
        requireBatchCodes(batchCodes, n);
        int kz = config.sharedDim();
        int kt = config.salientDim();
        if (salient != null && salient.length != n) {
            throw new IllegalArgumentException(n + " shared but " + salient.length + " salient codes");
        }
        double[][] out = new double[n][];
        for (int start = 0; start < n; start += CHUNK) {
            int end = Math.min(n, start + CHUNK);
            double[] codes = new double[(end - start) * (kz + kt)];
            for (int i = start; i < end; i++) {
                if (shared[i].length != kz || (salient != null && salient[i].length != kt)) {
                    throw new IllegalArgumentException("Codes of cell " + i + " do not have k_z = " + kz
                            + " and k_t = " + kt + " values");
                }
                System.arraycopy(shared[i], 0, codes, (i - start) * (kz + kt), kz);
                if (salient != null) {
                    System.arraycopy(salient[i], 0, codes, (i - start) * (kz + kt) + kz, kt);
                }
            }
            INDArray decoded = module.decode(params, HostBuffer.matrix(codes, module.dataType(), end - start,
                    kz + kt), slice(batchCodes, start, end));
            double[][] rows = HostBuffer.rows(decoded);
            if (config.likelihood().isCount()) {
                for (double[] row : rows) {
                    softmaxInPlace(row);
                }
            }
            System.arraycopy(rows, 0, out, start, rows.length);
        }
        return out;
    }

    /** Batch codes are given exactly when the model has a covariate, one per cell, each a known level. */
    private void requireBatchCodes(int[] codes, int cells) {
        if (batch == null) {
            if (codes != null) {
                throw new InvalidInputException("The model was trained without a batch column; it takes no batch "
                        + "levels");
            }
            return;
        }
        if (codes == null) {
            throw new InvalidInputException("The model was trained with the batch column " + batch.column()
                    + " as a covariate: give each cell's " + batch.column() + " level (one of "
                    + String.join(", ", batch.levels()) + ")");
        }
        if (codes.length != cells) {
            throw new InvalidInputException(cells + " cells but " + codes.length + " batch levels");
        }
        for (int c : codes) {
            if (c < 0 || c >= batch.size()) {
                throw new InvalidInputException("Batch code " + c + " is not one of the " + batch.size()
                        + " levels of " + batch.column());
            }
        }
    }

    private static int[] slice(int[] codes, int start, int end) {
        return codes == null ? null : java.util.Arrays.copyOfRange(codes, start, end);
    }

    private static void softmaxInPlace(double[] row) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : row) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int j = 0; j < row.length; j++) {
            row[j] = Math.exp(row[j] - max);
            sum += row[j];
        }
        for (int j = 0; j < row.length; j++) {
            row[j] /= sum;
        }
    }
}

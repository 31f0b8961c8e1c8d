package org.cdgm.engine.model;

import java.util.List;
import java.util.Objects;

import org.cdgm.engine.data.CellMatrix;
import org.cdgm.engine.data.InvalidInputException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fitted contrastive VAE (scvi-tools' "model", Tribuo's Model): architecture, parameter values, the genes it
 * was trained on, and provenance (how it was made, {@link ModelProvenance}). Immutable; the parameter vector is a
 * private copy.
 */
public final class TrainedModel {
    private static final int CHUNK = 4096;

    private final ModelConfig config;
    private final INDArray params;
    private final List<String> genes;
    private final ModelProvenance provenance;
    private final ContrastiveVae module;

    /**
     * @param params     1 x n flat parameters in the layout of {@code new ContrastiveVae(config).layout()}
     * @param genes      the genes, in the order the model's input columns have
     * @param provenance how the model was made; its gene fingerprint, when known, must be that of {@code genes}
     * @throws IllegalArgumentException when the parameter count, gene count or gene fingerprint does not fit
     */
    public TrainedModel(ModelConfig config, INDArray params, List<String> genes, ModelProvenance provenance) {
        this.config = Objects.requireNonNull(config, "config");
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
        return new TrainedModel(config, params, genes, provenance.withSourceFile(fileName));
    }

    /** The same model with another provenance (a creation time set for comparing fits, say). */
    public TrainedModel withProvenance(ModelProvenance p) {
        return new TrainedModel(config, params, genes, p);
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

    /** A copy of the flat parameter vector. */
    public INDArray parameters() {
        return params.dup();
    }

    public ContrastiveVae module() {
        return module;
    }

    /** Posterior means of every cell of the matrix, which must have the model's genes in the model's order. */
    public Embedding embed(CellMatrix cells) {
        return posterior(cells).means();
    }

    /**
     * The encoders' posteriors q(z|x) and q(t|x) of every cell of the matrix (q(t|x) for background cells too),
     * computed in chunks of 4,096 cells.
     *
     * @param cells cells x genes, the model's genes in the model's order
     * @throws InvalidInputException when the gene count differs from the model's
     */
    public Posterior posterior(CellMatrix cells) {
        if (cells.genes() != config.genes()) {
            throw new InvalidInputException("The model was trained on " + config.genes() + " genes but the cells have "
                    + cells.genes());
        }
        int n = cells.cells();
        double[][][] parts = new double[4][n][];
        for (int start = 0; start < n; start += CHUNK) {
            int end = Math.min(n, start + CHUNK);
            int[] rows = java.util.stream.IntStream.range(start, end).toArray();
            float[] buf = new float[rows.length * cells.genes()];
            cells.copyRows(rows, buf);
            INDArray x = Nd4j.create(buf, new long[] {rows.length, cells.genes()}, 'c');
            INDArray[] q = module.encodePosterior(params, x);
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
        return new Posterior(parts[0], parts[1], parts[2], parts[3]);
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
     */
    public double[][] normalizedExpression(double[][] shared, double[][] salient) {
        int n = shared.length;
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
                    kz + kt));
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

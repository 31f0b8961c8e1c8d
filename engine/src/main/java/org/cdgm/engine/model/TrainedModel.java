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
        if (cells.genes() != config.genes()) {
            throw new InvalidInputException("The model was trained on " + config.genes() + " genes but the cells have "
                    + cells.genes());
        }
        int n = cells.cells();
        double[][] z = new double[n][];
        double[][] t = new double[n][];
        for (int start = 0; start < n; start += CHUNK) {
            int end = Math.min(n, start + CHUNK);
            int[] rows = java.util.stream.IntStream.range(start, end).toArray();
            float[] buf = new float[rows.length * cells.genes()];
            cells.copyRows(rows, buf);
            INDArray x = Nd4j.create(buf, new long[] {rows.length, cells.genes()}, 'c').castTo(module.dataType());
            INDArray[] means = module.encodeMeans(params, x, CHUNK);
            double[][] zc = HostBuffer.rows(means[0]);
            double[][] tc = HostBuffer.rows(means[1]);
            System.arraycopy(zc, 0, z, start, rows.length);
            System.arraycopy(tc, 0, t, start, rows.length);
        }
        return new Embedding(z, t);
    }
}

package org.cdgm.engine.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A minibatch of cells: expression {@code x} (cells x genes) and each cell's library size (cells x 1). */
public final class CellBatch {
    private final INDArray x;
    private final INDArray library;
    private Double logFactorialSum;
    private double[] hostX;
    private double[] hostLibrary;

    public CellBatch(INDArray x, INDArray library) {
        if (library.rows() != x.rows() || library.columns() != 1) {
            throw new IllegalArgumentException("library must be a column with one entry per cell");
        }
        this.x = x;
        this.library = library;
    }

    /** A batch whose library sizes are the row totals of {@code x}. */
    public static CellBatch withObservedLibrary(INDArray x) {
        return new CellBatch(x, x.sum(true, 1));
    }

    public INDArray x() {
        return x;
    }

    public INDArray library() {
        return library;
    }

    public long rows() {
        return x.rows();
    }

    /** Sum over the batch of log(x!), the constant of count likelihoods, computed once. */
    public double logFactorialSum() {
        if (logFactorialSum == null) {
            logFactorialSum = SpecialFunctions.logFactorialSum(hostX());
        }
        return logFactorialSum;
    }

    /** {@code x} copied to the Java heap once (row-major), for the likelihoods' fused loops. */
    double[] hostX() {
        if (hostX == null) {
            hostX = HostBuffer.read(x);
        }
        return hostX;
    }

    /** The library sizes copied to the Java heap once. */
    double[] hostLibrary() {
        if (hostLibrary == null) {
            hostLibrary = HostBuffer.read(library);
        }
        return hostLibrary;
    }
}

package org.cdgm.engine.model;

import org.nd4j.linalg.api.buffer.DataType;
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

    /** A batch from row-major values on the Java heap (kept for the likelihoods); library sizes are row totals. */
    public static CellBatch fromHost(double[] values, int rows, int genes, DataType type) {
        double[] library = new double[rows];
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            for (int j = i * genes; j < (i + 1) * genes; j++) {
                sum += values[j];
            }
            library[i] = sum;
        }
        CellBatch b = new CellBatch(HostBuffer.matrix(values, type, rows, genes),
                HostBuffer.matrix(library, type, rows, 1));
        b.hostX = values;
        b.hostLibrary = library;
        return b;
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

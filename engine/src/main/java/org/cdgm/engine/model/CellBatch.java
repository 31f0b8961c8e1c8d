package org.cdgm.engine.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A minibatch of cells: expression {@code x} (cells x genes) and each cell's library size (cells x 1). */
public final class CellBatch {
    private final INDArray x;
    private final INDArray library;
    private Double logFactorialSum;
    private double[] hostLibrary;

    public CellBatch(INDArray x, INDArray library) {
        if (library.rows() != x.rows() || library.columns() != 1) {
            throw new IllegalArgumentException("library must be a column with one entry per cell");
        }
        this.x = x;
        this.library = library;
    }

    /** A batch from row-major float32 values (a gather of rows); library sizes are the row totals. */
    public static CellBatch fromRows(float[] values, int rows, int genes, DataType type) {
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
            int genes = (int) x.columns();
            HostBuffer counts = HostBuffer.readable(x);
            double[] row = new double[genes];
            double sum = 0;
            for (int i = 0; i < rows(); i++) {
                counts.read((long) i * genes, row, genes);
                sum += SpecialFunctions.logFactorialSum(row);
            }
            logFactorialSum = sum;
        }
        return logFactorialSum;
    }

    /** The library sizes on the Java heap, copied once. */
    double[] hostLibrary() {
        if (hostLibrary == null) {
            hostLibrary = HostBuffer.read(library);
        }
        return hostLibrary;
    }
}

package org.cdgm.engine.model.distributions;

import org.cdgm.engine.numeric.HostBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A minibatch of cells: expression {@code x} (cells x genes) and, for a model with a batch covariate, each cell's
 * batch level. Each cell's library size is its observed total count (scVI's offset), computed on first use on the
 * Java heap: the Gaussian model never needs it.
 */
public final class CellBatch {
    private final INDArray x;
    private final int[] batchCodes;
    private double[] library;

    private CellBatch(INDArray x, int[] batchCodes) {
        if (batchCodes != null && batchCodes.length != x.rows()) {
            throw new IllegalArgumentException(x.rows() + " cells but " + batchCodes.length + " batch codes");
        }
        this.x = x;
        this.batchCodes = batchCodes;
    }

    /** A batch from row-major float32 values (a gather of rows). */
    public static CellBatch fromRows(float[] values, int rows, int genes, DataType type) {
        return new CellBatch(HostBuffer.matrix(values, type, rows, genes), null);
    }

    /** A batch of the rows of {@code x}. */
    public static CellBatch withObservedLibrary(INDArray x) {
        return new CellBatch(x, null);
    }

    /**
     * The same cells with their batch levels.
     *
     * @param codes per row its level, in [0, batch levels); kept, not copied
     */
    public CellBatch withBatchCodes(int[] codes) {
        return new CellBatch(x, codes);
    }

    /** Per row its batch level, or null without a covariate; not a copy. */
    public int[] batchCodes() {
        return batchCodes;
    }

    public INDArray x() {
        return x;
    }

    public long rows() {
        return x.rows();
    }

    /** Library sizes: each cell's total over genes. */
    double[] library() {
        if (library == null) {
            int genes = (int) x.columns();
            HostBuffer values = HostBuffer.readable(x);
            double[] row = new double[genes];
            library = new double[(int) rows()];
            for (int i = 0; i < library.length; i++) {
                values.read((long) i * genes, row, genes);
                for (double v : row) {
                    library[i] += v;
                }
            }
        }
        return library;
    }
}

package org.cdgm.engine.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Bulk copies from ND4J to Java arrays. INDArray.toDoubleMatrix() reads element by element (about 100 ns each,
 * measured: 7 ms for 256 x 256), so small matrices that Java code needs are copied through the buffer instead.
 */
public final class HostArrays {
    private HostArrays() {
    }

    public static double[] flat(INDArray a) {
        INDArray c = a.dup('c');
        return c.dataType() == DataType.DOUBLE ? c.data().asDouble() : c.castTo(DataType.DOUBLE).data().asDouble();
    }

    public static double[][] rows(INDArray a) {
        long r = a.rows();
        long k = a.columns();
        double[] f = flat(a);
        double[][] out = new double[(int) r][(int) k];
        for (int i = 0; i < r; i++) {
            System.arraycopy(f, (int) (i * k), out[i], 0, (int) k);
        }
        return out;
    }
}

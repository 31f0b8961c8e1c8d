package org.cdgm.engine.numeric;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * c = alpha op(a) op(b) + beta c, straight into OpenBLAS (the same library ND4J uses) when all three arrays are
 * row-major with unit column stride, else through ND4J. ND4J's own matrix multiply reached 40-45 GFLOP/s where
 * cblas_sgemm on the same buffers reached about 57 (128 x 2,000 by 2,000 x 128, one thread, 2026-11-24), and the
 * dense layers are most of a step's arithmetic.
 */
public final class Gemm {
    private Gemm() {
    }

    public static void gemm(INDArray a, boolean transA, INDArray b, boolean transB, INDArray c, double alpha, double beta) {
        DataType t = c.dataType();
        if (!(direct(a, t) && direct(b, t) && direct(c, t))) {
            Nd4j.gemm(a, b, c, transA, transB, alpha, beta);
            return;
        }
        int m = (int) c.rows();
        int n = (int) c.columns();
        int k = (int) (transA ? a.rows() : a.columns());
        int ta = transA ? openblas.CblasTrans : openblas.CblasNoTrans;
        int tb = transB ? openblas.CblasTrans : openblas.CblasNoTrans;
        if (t == DataType.FLOAT) {
            openblas.cblas_sgemm(openblas.CblasRowMajor, ta, tb, m, n, k, (float) alpha,
                    (FloatPointer) a.data().addressPointer(), (int) a.stride(0), (FloatPointer) b.data().addressPointer(),
                    (int) b.stride(0), (float) beta, (FloatPointer) c.data().addressPointer(), (int) c.stride(0));
        } else {
            openblas.cblas_dgemm(openblas.CblasRowMajor, ta, tb, m, n, k, alpha,
                    (DoublePointer) a.data().addressPointer(), (int) a.stride(0),
                    (DoublePointer) b.data().addressPointer(), (int) b.stride(0), beta,
                    (DoublePointer) c.data().addressPointer(), (int) c.stride(0));
        }
    }

    /** Vectors of ones for {@link #addColumnSums}, per thread, grown as needed (native memory, not ND4J's). */
    private static final ThreadLocal<FloatPointer> FLOAT_ONES = new ThreadLocal<>();
    private static final ThreadLocal<DoublePointer> DOUBLE_ONES = new ThreadLocal<>();

    /**
     * into += the column sums of a (a row vector of a's width): a bias gradient. As a matrix-vector product with a
     * vector of ones through cblas_sgemv/dgemv: ND4J's sum along dimension 0 plus addi took 100-350 us for
     * 128 x 20 to 128 x 2,000 floats, the product 0.3-18 us (2026-11-24).
     */
    public static void addColumnSums(INDArray a, INDArray into) {
        DataType t = a.dataType();
        if (!(direct(a, t) && direct(into, t) && into.rows() == 1 && into.columns() == a.columns())) {
            into.addi(a.sum(true, 0));
            return;
        }
        int m = (int) a.rows();
        int n = (int) a.columns();
        if (t == DataType.FLOAT) {
            FloatPointer ones = FLOAT_ONES.get();
            if (ones == null || ones.capacity() < m) {
                ones = new FloatPointer(m);
                for (int i = 0; i < m; i++) {
                    ones.put(i, 1f);
                }
                FLOAT_ONES.set(ones);
            }
            openblas.cblas_sgemv(openblas.CblasRowMajor, openblas.CblasTrans, m, n, 1f,
                    (FloatPointer) a.data().addressPointer(), (int) a.stride(0), ones, 1, 1f,
                    (FloatPointer) into.data().addressPointer(), 1);
        } else {
            DoublePointer ones = DOUBLE_ONES.get();
            if (ones == null || ones.capacity() < m) {
                ones = new DoublePointer(m);
                for (int i = 0; i < m; i++) {
                    ones.put(i, 1.0);
                }
                DOUBLE_ONES.set(ones);
            }
            openblas.cblas_dgemv(openblas.CblasRowMajor, openblas.CblasTrans, m, n, 1.0,
                    (DoublePointer) a.data().addressPointer(), (int) a.stride(0), ones, 1, 1.0,
                    (DoublePointer) into.data().addressPointer(), 1);
        }
    }

    /** a (rows x cols) times b, into a new array of a's type. */
    public static INDArray times(INDArray a, boolean transA, INDArray b, boolean transB) {
        long rows = transA ? a.columns() : a.rows();
        long cols = transB ? b.rows() : b.columns();
        INDArray c = Nd4j.createUninitialized(a.dataType(), rows, cols);
        gemm(a, transA, b, transB, c, 1.0, 0.0);
        return c;
    }

    /** Row-major, unit column stride, of the computation's type (views into the flat parameters qualify). */
    private static boolean direct(INDArray x, DataType t) {
        return x.rank() == 2 && x.dataType() == t && (t == DataType.FLOAT || t == DataType.DOUBLE)
                && x.ordering() == 'c' && x.stride(1) == 1 && x.stride(0) >= Math.max(1, x.columns())
                && x.length() > 0;
    }
}

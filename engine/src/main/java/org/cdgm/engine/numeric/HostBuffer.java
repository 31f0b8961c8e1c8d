package org.cdgm.engine.numeric;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bulk copies between the native buffer of a float32 or float64 ND4J array and Java {@code double[]}, so that
 * element-wise work that would take ten or more ND4J operations (each ~15 us of overhead plus a pass over memory)
 * runs as one fused Java loop instead. The array must be dense in row-major order (views into the flat parameter
 * vector qualify). An instance resolves the buffer's address once, for passes that copy chunk by chunk.
 */
public final class HostBuffer {
    private final INDArray array;
    private final FloatPointer floats;
    private final DoublePointer doubles;
    private float[] scratch = new float[0];

    private HostBuffer(INDArray array) {
        if (!dense(array)) {
            throw new IllegalArgumentException("Not a dense row-major float or double array: "
                    + array.shapeInfoToString());
        }
        this.array = array;
        // copies of the buffer's pointer (shared by every user of the buffer), moved on per call
        boolean isDouble = array.dataType() == DataType.DOUBLE;
        this.floats = isDouble ? null : new FloatPointer((FloatPointer) array.data().addressPointer());
        this.doubles = isDouble ? new DoublePointer((DoublePointer) array.data().addressPointer()) : null;
    }

    /** Chunked access to a dense row-major float or double array. */
    public static HostBuffer over(INDArray a) {
        return new HostBuffer(a);
    }

    /** Chunked reading of any float or double array: one that is not dense row-major is copied to one first. */
    public static HostBuffer readable(INDArray a) {
        return new HostBuffer(dense(a) ? a : a.dup('c'));
    }

    /** All elements of {@code a} in row-major order (any layout: others are copied to row-major first). */
    public static double[] read(INDArray a) {
        double[] v = new double[Math.toIntExact(a.length())];
        readable(a).read(0, v, v.length);
        return v;
    }

    /** A matrix as rows of a Java 2-D array (INDArray.toDoubleMatrix() reads element by element: 7 ms, 256 x 256). */
    public static double[][] rows(INDArray a) {
        int r = (int) a.rows();
        int k = (int) a.columns();
        double[] flat = read(a);
        double[][] out = new double[r][k];
        for (int i = 0; i < r; i++) {
            System.arraycopy(flat, i * k, out[i], 0, k);
        }
        return out;
    }

    /** Writes all of {@code src} into the dense array {@code a}. */
    public static void write(double[] src, INDArray a) {
        over(a).write(src, 0, src.length);
    }

    /** A new rows x cols array of the given type holding {@code v} in row-major order. */
    public static INDArray matrix(double[] v, DataType type, long rows, long cols) {
        INDArray a = Nd4j.createUninitialized(type, rows, cols);
        write(v, a);
        return a;
    }

    /** A new rows x cols array of the given type holding float32 values {@code v} in row-major order. */
    public static INDArray matrix(float[] v, DataType type, long rows, long cols) {
        INDArray a = Nd4j.createUninitialized(type, rows, cols);
        HostBuffer b = over(a);
        if (b.isFloat()) {
            b.write(v, 0, v.length);
        } else {
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = v[i];
            }
            b.write(d, 0, d.length);
        }
        return a;
    }

    /** Elements {@code [from, from + length)} into {@code dst[0, length)}. */
    public void read(long from, double[] dst, int length) {
        check(from, length);
        if (doubles != null) {
            long base = doubles.position();
            doubles.position(base + from).get(dst, 0, length);
            doubles.position(base);
            return;
        }
        float[] f = scratch(length);
        read(from, f, length);
        for (int i = 0; i < length; i++) {
            dst[i] = f[i];
        }
    }

    /** {@code src[0, length)} into elements {@code [from, from + length)}. */
    public void write(double[] src, long from, int length) {
        check(from, length);
        if (doubles != null) {
            long base = doubles.position();
            doubles.position(base + from).put(src, 0, length);
            doubles.position(base);
            return;
        }
        float[] f = scratch(length);
        for (int i = 0; i < length; i++) {
            f[i] = (float) src[i];
        }
        write(f, from, length);
    }

    /** Whether the array holds float32 values (then the float[] overloads copy without conversion). */
    public boolean isFloat() {
        return floats != null;
    }

    /** Elements {@code [from, from + length)} of a float32 array into {@code dst[0, length)}, unconverted. */
    public void read(long from, float[] dst, int length) {
        check(from, length);
        long base = floats.position();
        floats.position(base + from).get(dst, 0, length);
        floats.position(base);
    }

    /** {@code src[0, length)} into elements {@code [from, from + length)} of a float32 array, unconverted. */
    public void write(float[] src, long from, int length) {
        check(from, length);
        long base = floats.position();
        floats.position(base + from).put(src, 0, length);
        floats.position(base);
    }

    private float[] scratch(int length) {
        if (scratch.length < length) {
            scratch = new float[length];
        }
        return scratch;
    }

    private void check(long from, int length) {
        if (from < 0 || length < 0 || from + length > array.length()) {
            throw new IndexOutOfBoundsException("Elements [" + from + ", " + (from + length) + ") of an array of "
                    + array.length());
        }
    }

    /** Dense row-major float or double: element i of the array is element i of its buffer's address. */
    static boolean dense(INDArray a) {
        DataType t = a.dataType();
        if (t != DataType.FLOAT && t != DataType.DOUBLE) {
            return false;
        }
        long expected = 1;
        for (int i = a.rank() - 1; i >= 0; i--) {
            if (a.size(i) != 1 && a.stride(i) != expected) {
                return false;
            }
            expected *= a.size(i);
        }
        return true;
    }
}

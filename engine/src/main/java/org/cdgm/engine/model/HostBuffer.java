package org.cdgm.engine.model;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bulk copies between the native buffer of a float32 or float64 ND4J array and Java {@code double[]}, so that
 * element-wise work that would take ten or more ND4J operations (each ~15 us of overhead plus a pass over memory)
 * runs as one fused Java loop instead. Arrays must be dense in row-major order (views into the flat parameter
 * vector qualify); anything else is copied to such a layout first when read and refused when written.
 */
public final class HostBuffer {
    private HostBuffer() {
    }

    /** Elements {@code [from, from + length)} of {@code a} (row-major order) into {@code dst[0, length)}. */
    public static void read(INDArray a, long from, double[] dst, int length) {
        INDArray d = dense(a) ? a : a.dup('c');
        check(d, from, length);
        if (d.dataType() == DataType.DOUBLE) {
            doubles(d, from).get(dst, 0, length);
        } else {
            float[] f = new float[length];
            floats(d, from).get(f, 0, length);
            for (int i = 0; i < length; i++) {
                dst[i] = f[i];
            }
        }
    }

    /** All elements of {@code a} in row-major order. */
    public static double[] read(INDArray a) {
        double[] v = new double[Math.toIntExact(a.length())];
        read(a, 0, v, v.length);
        return v;
    }

    /** Writes {@code src[0, length)} into elements {@code [from, from + length)} of {@code a}. */
    public static void write(double[] src, INDArray a, long from, int length) {
        if (!dense(a)) {
            throw new IllegalArgumentException("Can only write into a dense row-major float or double array");
        }
        check(a, from, length);
        if (a.dataType() == DataType.DOUBLE) {
            doubles(a, from).put(src, 0, length);
        } else {
            float[] f = new float[length];
            for (int i = 0; i < length; i++) {
                f[i] = (float) src[i];
            }
            floats(a, from).put(f, 0, length);
        }
    }

    /** A new rows x cols array of the given type holding {@code v} in row-major order. */
    public static INDArray matrix(double[] v, DataType type, long rows, long cols) {
        INDArray a = Nd4j.createUninitialized(type, rows, cols);
        write(v, a, 0, v.length);
        return a;
    }

    /** Dense row-major float or double: element i of the array is element i of its buffer's address. */
    static boolean dense(INDArray a) {
        DataType t = a.dataType();
        if (t != DataType.FLOAT && t != DataType.DOUBLE || a.ordering() != 'c' && a.rank() > 1 && !a.isVector()) {
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

    // A copy of the buffer's pointer (shared by every user of the buffer), moved on by `from` elements.
    private static FloatPointer floats(INDArray a, long from) {
        FloatPointer p = new FloatPointer((FloatPointer) a.data().addressPointer());
        return p.position(p.position() + from);
    }

    private static DoublePointer doubles(INDArray a, long from) {
        DoublePointer p = new DoublePointer((DoublePointer) a.data().addressPointer());
        return p.position(p.position() + from);
    }

    private static void check(INDArray a, long from, int length) {
        if (from < 0 || length < 0 || from + length > a.length()) {
            throw new IndexOutOfBoundsException("Elements [" + from + ", " + (from + length) + ") of an array of "
                    + a.length());
        }
    }
}

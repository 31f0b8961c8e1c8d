package org.cdgm.engine.io;

import java.lang.reflect.Array;

/**
 * Converts what jHDF returns for a 1-D dataset (an array of the stored type: byte[], short[], int[], long[],
 * float[], double[], boolean[], String[]) into the array type a reader needs, without boxing for the common cases.
 */
final class HdfArrays {
    private HdfArrays() {
    }

    static float[] floats(Object a) {
        if (a instanceof float[] f) {
            return f;
        }
        if (a instanceof int[] v) {
            float[] out = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = v[i];
            }
            return out;
        }
        if (a instanceof double[] v) {
            float[] out = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = (float) v[i];
            }
            return out;
        }
        if (a instanceof long[] v) {
            float[] out = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = v[i];
            }
            return out;
        }
        if (a instanceof boolean[] v) {
            float[] out = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = v[i] ? 1 : 0;
            }
            return out;
        }
        float[] out = new float[Array.getLength(a)];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) Array.get(a, i)).floatValue();
        }
        return out;
    }

    /** Whole numbers as long (int64 indices and codes included). */
    static long[] longs(Object a) {
        if (a instanceof long[] l) {
            return l;
        }
        if (a instanceof int[] v) {
            long[] out = new long[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = v[i];
            }
            return out;
        }
        long[] out = new long[Array.getLength(a)];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) Array.get(a, i)).longValue();
        }
        return out;
    }

    /** True where set: booleans, non-zero numbers, or h5py's enum names TRUE/FALSE. */
    static boolean[] booleans(Object a) {
        if (a instanceof boolean[] b) {
            return b;
        }
        boolean[] out = new boolean[Array.getLength(a)];
        for (int i = 0; i < out.length; i++) {
            Object v = Array.get(a, i);
            out[i] = v instanceof Number n ? n.doubleValue() != 0 : v instanceof Boolean b ? b
                    : String.valueOf(v).equalsIgnoreCase("true") || String.valueOf(v).equals("1");
        }
        return out;
    }

    static boolean isInteger(Object a) {
        return a instanceof byte[] || a instanceof short[] || a instanceof int[] || a instanceof long[];
    }

    static boolean isFloat(Object a) {
        return a instanceof float[] || a instanceof double[];
    }
}

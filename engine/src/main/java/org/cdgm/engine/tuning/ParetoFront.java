package org.cdgm.engine.tuning;

/** Which points no other point beats in every objective (all objectives are minimised). */
public final class ParetoFront {
    private ParetoFront() {
    }

    /** {@code points[i]} holds the objectives of point i; returns whether each point is non-dominated. */
    public static boolean[] nonDominated(double[][] points) {
        boolean[] out = new boolean[points.length];
        for (int i = 0; i < points.length; i++) {
            out[i] = true;
            for (int j = 0; j < points.length && out[i]; j++) {
                if (j != i && dominates(points[j], points[i])) {
                    out[i] = false;
                }
            }
        }
        return out;
    }

    /** a dominates b: no worse in every objective and strictly better in one. */
    static boolean dominates(double[] a, double[] b) {
        boolean strictly = false;
        for (int k = 0; k < a.length; k++) {
            if (a[k] > b[k]) {
                return false;
            }
            strictly |= a[k] < b[k];
        }
        return strictly;
    }
}

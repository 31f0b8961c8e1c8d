package org.cdgm.engine.objectives;

/**
 * k-th smallest value. Large arrays first narrow the search with a histogram over the value range (two branch-free
 * passes), then quickselect the one bucket that holds the answer: quickselect alone on the 32,640 pair distances of
 * a 256-code median heuristic was about a tenth of a training step (its comparisons mispredict half the time).
 */
final class Selection {
    private static final int BUCKETS = 4096;
    private static final int SMALL = 2 * BUCKETS;

    private Selection() {
    }

    /** The k-th smallest (0-based) value of {@code a}; may reorder {@code a}. */
    static double kth(double[] a, int k) {
        if (k < 0 || k >= a.length) {
            throw new IllegalArgumentException("k=" + k + " outside 0.." + (a.length - 1));
        }
        if (a.length < SMALL) {
            return quickselect(a, 0, a.length - 1, k);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double scale = (BUCKETS - 1) / (max - min);
        if (!(max > min) || !Double.isFinite(scale)) {
            return quickselect(a, 0, a.length - 1, k); // all equal, NaN or infinite values
        }
        int[] count = new int[BUCKETS];
        for (double v : a) {
            count[(int) ((v - min) * scale)]++;
        }
        int bucket = 0;
        int below = 0;
        while (below + count[bucket] <= k) {
            below += count[bucket++];
        }
        // gather the chosen bucket's values to the front, then select within them
        int size = 0;
        for (int i = 0; i < a.length; i++) {
            if ((int) ((a[i] - min) * scale) == bucket) {
                double t = a[size];
                a[size++] = a[i];
                a[i] = t;
            }
        }
        return quickselect(a, 0, size - 1, k - below);
    }

    /** Hoare's quickselect with a median-of-three pivot on a[lo..hi]. */
    private static double quickselect(double[] a, int lo, int hi, int k) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            double pivot = median3(a[lo], a[mid], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static double median3(double x, double y, double z) {
        return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    }
}

package org.cdgm.engine.numeric;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One native thread per calling Java thread while a multi-threaded fit runs. A fit on T threads calls OpenBLAS and
 * libnd4j from T threads at once; if each call also spread over every core (their default when OMP_NUM_THREADS is
 * unset, as inside KNIME), T x cores threads would compete for the cores. The command-line launcher sets
 * OMP_NUM_THREADS=1 before the JVM starts; a host that cannot (KNIME) gets the same effect from {@link #single()}
 * for the duration of the fit.
 *
 * <p>The counts are process-wide, so leases are counted: the first open lease saves the counts and sets them to 1,
 * the last one to close restores them. Two fits running side by side therefore never restore the counts under each
 * other.
 */
public final class NativeThreads {
    private static final Object LOCK = new Object();
    private static int leases;
    private static int savedBlas;
    private static int savedNd4j;
    private static int savedNd4jMaster;

    private NativeThreads() {
    }

    /** An open lease; closing it (once) gives it back. */
    public interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Sets OpenBLAS's and libnd4j's thread counts to 1 until the returned lease (and every other open one) is closed.
     *
     * @return the lease; closing it more than once has no further effect
     */
    public static Lease single() {
        synchronized (LOCK) {
            if (leases++ == 0) {
                Environment env = Nd4j.getEnvironment();
                savedBlas = openblas_nolapack.blas_get_num_threads();
                savedNd4j = env.maxThreads();
                savedNd4jMaster = env.maxMasterThreads();
                openblas_nolapack.blas_set_num_threads(1);
                env.setMaxThreads(1);
                env.setMaxMasterThreads(1);
            }
        }
        return new Lease() {
            private boolean closed;

            @Override
            public void close() {
                synchronized (LOCK) {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    if (--leases == 0) {
                        Environment env = Nd4j.getEnvironment();
                        openblas_nolapack.blas_set_num_threads(savedBlas);
                        env.setMaxThreads(savedNd4j);
                        env.setMaxMasterThreads(savedNd4jMaster);
                    }
                }
            }
        };
    }

    /** OpenBLAS's current thread count (process-wide). */
    public static int blasThreads() {
        return openblas_nolapack.blas_get_num_threads();
    }
}

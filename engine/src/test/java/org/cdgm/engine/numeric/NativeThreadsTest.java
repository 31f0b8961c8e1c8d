package org.cdgm.engine.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

class NativeThreadsTest {
    private int blasBefore;
    private int nd4jBefore;
    private int masterBefore;

    @BeforeEach
    void setTwo() {
        Environment env = Nd4j.getEnvironment();
        blasBefore = openblas_nolapack.blas_get_num_threads();
        nd4jBefore = env.maxThreads();
        masterBefore = env.maxMasterThreads();
        // a host that left the natives at 2 threads each (KNIME without OMP_NUM_THREADS)
        openblas_nolapack.blas_set_num_threads(2);
        env.setMaxThreads(2);
        env.setMaxMasterThreads(2);
    }

    @AfterEach
    void restore() {
        openblas_nolapack.blas_set_num_threads(blasBefore);
        Nd4j.getEnvironment().setMaxThreads(nd4jBefore);
        Nd4j.getEnvironment().setMaxMasterThreads(masterBefore);
    }

    @Test
    void leasesSetOneThreadAndTheLastOneRestores() {
        Environment env = Nd4j.getEnvironment();
        int blas = NativeThreads.blasThreads();
        int nd4j = env.maxThreads();
        int master = env.maxMasterThreads();
        NativeThreads.Lease first = NativeThreads.single();
        NativeThreads.Lease second = NativeThreads.single();
        assertEquals(1, NativeThreads.blasThreads());
        assertEquals(1, env.maxThreads());
        assertEquals(1, env.maxMasterThreads());

        first.close();
        first.close(); // a second close gives back nothing more
        assertEquals(1, NativeThreads.blasThreads(), "one fit still runs");
        assertEquals(1, env.maxThreads());

        second.close();
        assertEquals(blas, NativeThreads.blasThreads(), "the last lease restores the host's count");
        assertEquals(nd4j, env.maxThreads());
        assertEquals(master, env.maxMasterThreads());
    }
}

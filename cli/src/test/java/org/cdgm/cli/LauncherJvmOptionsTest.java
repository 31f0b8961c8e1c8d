package org.cdgm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The JVM options ./cdgm starts Java with (src/main/sh/jvm-options.sh), for the CDGM_JAVA_OPTS users give. */
class LauncherJvmOptionsTest {
    private static final Path SCRIPT = Path.of("src/main/sh/jvm-options.sh");

    /** The options for {@code javaOpts} in CDGM_JAVA_OPTS with OMP_NUM_THREADS {@code omp}, one per element. */
    private static List<String> options(String javaOpts, String omp) throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(SCRIPT), SCRIPT.toAbsolutePath().toString());
        ProcessBuilder pb = new ProcessBuilder("bash", "-c",
                ". " + SCRIPT + " && cdgm_jvm_options && printf '%s\\n' \"${jvm_opts[@]}\"");
        pb.environment().put("CDGM_JAVA_OPTS", javaOpts);
        pb.environment().put("OMP_NUM_THREADS", omp);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.lines().toList();
    }

    private static String young(List<String> options) {
        return options.stream().filter(o -> o.startsWith("-Xmn")).findFirst().orElse("none");
    }

    @Test
    void theParallelCollectorWithAYoungGenerationOfTheProcessorsNotOfOmpNumThreads() throws Exception {
        List<String> plain = options("", "1");
        assertTrue(plain.contains("-XX:+UseParallelGC"), plain.toString());
        int mib = Integer.parseInt(young(plain).replaceAll("[^0-9]", ""));
        assertTrue(mib >= 64 && mib <= 1024, plain.toString());
        assertEquals(young(plain), young(options("", "32")), "OMP_NUM_THREADS does not size the young generation");
        assertTrue(plain.contains("-Xlog:all=warning:stderr"), "JVM warnings go to stderr: " + plain);
    }

    @Test
    void aHeapLimitCapsTheYoungGenerationAtAQuarter() throws Exception {
        assertEquals("-Xmn50m", young(options("-Xmx200m", "1")));
        assertEquals("-Xmn5m", young(options("-Xmx20m", "1")));
        assertEquals(young(options("", "1")), young(options("-Xmx2g", "1")), "a large heap leaves the default");
    }

    @Test
    void onlyACollectorChoiceOrAYoungSizeReplacesTheDefaults() throws Exception {
        List<String> g1 = options("-XX:+UseG1GC", "1");
        assertFalse(g1.contains("-XX:+UseParallelGC"), g1.toString());
        assertEquals("none", young(g1));
        List<String> overhead = options("-XX:+UseGCOverheadLimit", "1");
        assertTrue(overhead.contains("-XX:+UseParallelGC"), "not a collector: " + overhead);
        List<String> ownYoung = options("-Xmn32m", "1");
        assertTrue(ownYoung.contains("-XX:+UseParallelGC"), ownYoung.toString());
        assertEquals("none", young(ownYoung), "the user's -Xmn32m stands alone: " + ownYoung);
    }
}

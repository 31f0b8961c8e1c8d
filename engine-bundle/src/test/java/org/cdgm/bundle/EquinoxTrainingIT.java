package org.cdgm.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Starts a real Equinox framework, installs the org.cdgm.engine bundle the build produced (unpacked, as KNIME
 * installs it) and trains a model inside it through {@code org.cdgm.engine.app.SelfCheck}. Proves that the
 * embedded ND4J finds its backend through the bundle's class loader and loads its native libraries there.
 */
class EquinoxTrainingIT {
    @TempDir
    static Path work;
    private static Framework framework;
    private static Bundle engine;

    @BeforeAll
    static void startFrameworkAndInstallBundle() throws Exception {
        Path jar = Path.of(System.getProperty("cdgm.bundle.jar"));
        assertTrue(Files.isRegularFile(jar), "bundle jar not built: " + jar);
        Path unpacked = unpack(jar, work.resolve("plugins/org.cdgm.engine"));
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, work.resolve("osgi-storage").toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // No boot delegation beyond java.*: the bundle must resolve what it needs through OSGi wiring and the
        // system bundle's JDK exports, as it will in KNIME.
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow();
        framework = factory.newFramework(config);
        framework.start();
        BundleContext context = framework.getBundleContext();
        engine = context.installBundle("reference:" + unpacked.toUri());
        engine.start();
    }

    @AfterAll
    static void stopFramework() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(30_000);
        }
    }

    @Test
    void bundleResolvesWithNd4jPrivateAndEngineExported() {
        assertEquals(Bundle.ACTIVE, engine.getState(), "org.cdgm.engine did not resolve and start");
        assertEquals("org.cdgm.engine", engine.getSymbolicName());
        String exports = engine.getHeaders().get(Constants.EXPORT_PACKAGE);
        assertTrue(exports.contains("org.cdgm.engine.training"), exports);
        assertFalse(exports.contains("org.nd4j") || exports.contains("org.bytedeco"),
                "ND4J/JavaCPP must stay private to the bundle: " + exports);
        String classPath = engine.getHeaders().get(Constants.BUNDLE_CLASSPATH);
        for (String jar : new String[] {"lib/cdgm-engine-", "lib/nd4j-api-", "-linux-x86_64.jar",
                "lib/openblas-0.3.19-1.5.7-linux-x86_64.jar", "lib/javacpp-1.5.7-linux-x86_64.jar"}) {
            assertTrue(classPath.contains(jar), jar + " missing from Bundle-ClassPath " + classPath);
        }
        for (String entry : classPath.split(",")) {
            assertTrue(entry.equals(".") || engine.getEntry(entry) != null, entry + " is on Bundle-ClassPath but "
                    + "not in the bundle");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void trainsSavesAndScoresAModelInsideTheFramework() throws Exception {
        Class<?> selfCheck = engine.loadClass("org.cdgm.engine.app.SelfCheck");
        ClassLoader bundleLoader = engine.adapt(BundleWiring.class).getClassLoader();
        assertEquals(bundleLoader, selfCheck.getClassLoader(), "engine class must come from the bundle");
        Method run = selfCheck.getMethod("run", Path.class);
        Map<String, String> result = (Map<String, String>) run.invoke(null, work.resolve("self-check"));

        assertEquals("org.nd4j.linalg.cpu.nativecpu.CpuBackend", result.get("backend"));
        assertTrue(result.get("nd4jLoader").contains("org.cdgm.engine"),
                "ND4J must be loaded by the bundle's class loader, was " + result.get("nd4jLoader"));
        assertEquals("10", result.get("epochs"));
        double loss = Double.parseDouble(result.get("targetLoss"));
        assertTrue(Double.isFinite(loss), "training diverged inside OSGi: " + result);
        assertTrue(loss < Double.parseDouble(result.get("firstTargetLoss")), "target loss did not fall: " + result);
        // Ten epochs on 300+300 simulated cells recover the shared block well above chance (about 0.05 here).
        assertTrue(Double.parseDouble(result.get("sharedMcc")) > 0.4, "shared MCC too low: " + result);
        assertTrue(Long.parseLong(result.get("modelBytes")) > 1000);
        assertNotNull(Files.list(work.resolve("self-check/natives")).findAny().orElse(null),
                "JavaCPP should unpack natives into the bundle-private cache folder");
    }

    private static Path unpack(Path jar, Path target) throws IOException {
        try (JarFile jf = new JarFile(jar.toFile())) {
            for (JarEntry e : java.util.Collections.list(jf.entries())) {
                Path out = target.resolve(e.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("bad entry " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    try (InputStream in = jf.getInputStream(e)) {
                        Files.copy(in, out);
                    }
                }
            }
        }
        return target;
    }
}

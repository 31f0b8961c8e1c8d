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
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Starts a real Equinox, installs the org.cdgm.engine bundle the build produced and the five platform fragments
 * (the running platform's unpacked, as KNIME installs them) and trains a model inside it through {@link SelfCheck},
 * whose engine classes come from the bundle. Proves that the embedded ND4J finds its backend through the bundle's
 * class loader and loads its native libraries from the platform fragment attached to it.
 */
class EquinoxTrainingIT {
    /** Named, not {@code SelfCheck.class}: the test's own class loader must never load it. */
    private static final String SELF_CHECK = "org.cdgm.bundle.SelfCheck";
    @TempDir
    static Path work;
    private static Framework framework;
    private static Bundle engine;
    private static Platform platform;

    @BeforeAll
    static void startFrameworkAndInstallBundles() throws Exception {
        platform = Platform.running().orElse(null);
        Assumptions.assumeTrue(platform != null, "no cdgm natives for this machine's os/arch");
        Path jar = Path.of(System.getProperty("cdgm.bundle.jar"));
        assertTrue(Files.isRegularFile(jar), "bundle jar not built: " + jar);
        framework = Bundles.start(work.resolve("osgi-storage"), null);
        BundleContext context = framework.getBundleContext();
        engine = context.installBundle("reference:" + Bundles.unpack(jar, work.resolve("plugins/org.cdgm.engine")).toUri());
        for (Platform p : Platform.ALL) {
            Path fragment = p.equals(platform)
                    ? Bundles.unpack(p.fragmentJar(), work.resolve("plugins/" + p.fragmentName())) : p.fragmentJar();
            context.installBundle("reference:" + fragment.toUri());
        }
        engine.start();
    }

    @AfterAll
    static void stopFramework() throws Exception {
        Bundles.stop(framework);
    }

    @Test
    void theRunningPlatformsFragmentAttachesToTheEngine() {
        assertEquals(Set.of(platform.fragmentName()), Bundles.attachedFragments(engine));
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
        for (String jar : new String[] {"lib/cdgm-engine-", "lib/nd4j-api-", "lib/nd4j-native-1.0.0-M2.1.jar",
                "lib/openblas-0.3.19-1.5.7.jar", "lib/javacpp-1.5.7.jar"}) {
            assertTrue(classPath.contains(jar), jar + " missing from Bundle-ClassPath " + classPath);
        }
        for (String entry : classPath.split(",")) {
            assertTrue(entry.equals(".") || engine.getEntry(entry) != null, entry + " is on Bundle-ClassPath but "
                    + "not in the bundle");
        }
        for (Platform p : Platform.ALL) {
            assertFalse(classPath.contains(p.javacpp()), "natives of " + p + " belong in its fragment: " + classPath);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void trainsSavesAndScoresAModelInsideTheFramework() throws Exception {
        ClassLoader bundleLoader = engine.adapt(BundleWiring.class).getClassLoader();
        Class<?> selfCheck = new BundleChild(bundleLoader).loadClass(SELF_CHECK);
        assertEquals(bundleLoader, Class.forName("org.cdgm.engine.training.Trainer", false, selfCheck.getClassLoader())
                .getClassLoader(), "engine classes must come from the bundle");
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

    /**
     * Defines {@link SelfCheck} from this test's class files, everything else through the engine bundle: the engine
     * and ND4J classes SelfCheck uses resolve as they do for a KNIME node. Only SelfCheck itself is defined here, so
     * a class the bundle lacks fails instead of coming from the test class path.
     */
    private static final class BundleChild extends ClassLoader {
        BundleChild(ClassLoader bundleLoader) {
            super(bundleLoader);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (!name.equals(SELF_CHECK)) {
                throw new ClassNotFoundException(name);
            }
            try (InputStream in = EquinoxTrainingIT.class.getClassLoader()
                    .getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name + " not among the test classes");
                }
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }
}

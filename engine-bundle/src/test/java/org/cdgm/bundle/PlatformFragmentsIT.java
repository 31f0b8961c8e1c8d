package org.cdgm.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The engine bundle with all five platform fragments installed, in an Equinox told (osgi.os, osgi.arch) that it
 * runs on each platform in turn: exactly that platform's fragment resolves and attaches to org.cdgm.engine, and
 * through the engine's class loader JavaCPP would find that platform's ND4J and OpenBLAS libraries and no other
 * platform's. Nothing is loaded: a Windows DLL cannot be loaded on Linux, but whether p2/Equinox would pick it is
 * what the feature's os/arch and the fragments' Eclipse-PlatformFilter decide, and that is checked here.
 * (EquinoxTrainingIT loads and trains on the real platform.)
 */
class PlatformFragmentsIT {
    @TempDir
    static Path work;
    private static Path host;

    @BeforeAll
    static void unpackHost() throws Exception {
        host = Bundles.unpack(Path.of(System.getProperty("cdgm.bundle.jar")), work.resolve("plugins/org.cdgm.engine"));
    }

    static Stream<Platform> platforms() {
        return Platform.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("platforms")
    void onlyThePlatformsFragmentResolvesAndCarriesItsNatives(Platform platform) throws Exception {
        Framework framework = Bundles.start(work.resolve("storage-" + platform.javacpp()), platform);
        try {
            BundleContext context = framework.getBundleContext();
            assertEquals(platform.os(), context.getProperty("osgi.os"));
            assertEquals(platform.arch(), context.getProperty("osgi.arch"));
            Bundle engine = context.installBundle("reference:" + host.toUri());
            List<Bundle> fragments = new ArrayList<>();
            for (Platform p : Platform.ALL) {
                fragments.add(context.installBundle("reference:" + p.fragmentJar().toUri()));
            }
            List<Bundle> all = new ArrayList<>(fragments);
            all.add(engine);
            framework.adapt(FrameworkWiring.class).resolveBundles(all);

            assertEquals(Bundle.RESOLVED, engine.getState(), "org.cdgm.engine did not resolve on " + platform);
            for (Bundle fragment : fragments) {
                boolean mine = fragment.getSymbolicName().equals(platform.fragmentName());
                assertEquals(mine ? Bundle.RESOLVED : Bundle.INSTALLED, fragment.getState(),
                        fragment.getSymbolicName() + " on " + platform);
            }
            assertEquals(Set.of(platform.fragmentName()), Bundles.attachedFragments(engine));

            ClassLoader loader = engine.adapt(BundleWiring.class).getClassLoader();
            for (Platform p : Platform.ALL) {
                for (String library : nativeLibraries(p)) {
                    if (p.equals(platform)) {
                        assertNotNull(loader.getResource(library), library + " not visible to the engine on " + p);
                    } else {
                        assertNull(loader.getResource(library), library + " of " + p + " visible on " + platform);
                    }
                }
            }
        } finally {
            Bundles.stop(framework);
        }
    }

    /** Where JavaCPP looks for the JNI libraries of ND4J and OpenBLAS for a platform (class-path resources). */
    private static List<String> nativeLibraries(Platform p) {
        String prefix = p.os().equals("win32") ? "" : "lib";
        String suffix = switch (p.os()) {
            case "win32" -> ".dll";
            case "macosx" -> ".dylib";
            default -> ".so";
        };
        return List.of(
                "org/nd4j/linalg/cpu/nativecpu/bindings/" + p.javacpp() + "/" + prefix + "jnind4jcpu" + suffix,
                "org/bytedeco/openblas/" + p.javacpp() + "/" + prefix + "jniopenblas_nolapack" + suffix);
    }
}

package org.cdgm.engine.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.bytedeco.javacpp.Loader;
import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Brings ND4J up in whatever class-loading world the engine lives in. On a flat class path nothing is needed; in
 * OSGi (KNIME) ND4J must look up its backend and services through the bundle's own class loader, not the thread
 * context loader, and JavaCPP must unpack its native libraries into a folder the bundle owns. Call
 * {@link #initialise(Path)} once before the first ND4J operation; later calls are no-ops.
 */
public final class Nd4jRuntime {
    /** JavaCPP's system property for the folder where native libraries are extracted. */
    public static final String NATIVE_CACHE_PROPERTY = "org.bytedeco.javacpp.cachedir";
    static final String MAX_PHYSICAL_BYTES_PROPERTY = "org.bytedeco.javacpp.maxPhysicalBytes";
    private static volatile String backend;

    private Nd4jRuntime() {
    }

    /**
     * @param nativeCache where JavaCPP extracts native libraries, or null to keep JavaCPP's default
     *                    (~/.javacpp/cache); ignored if the property was set already (an explicit -D wins)
     * @return the ND4J backend class that was loaded
     */
    public static synchronized String initialise(Path nativeCache) {
        if (backend != null) {
            return backend;
        }
        if (nativeCache != null && System.getProperty(NATIVE_CACHE_PROPERTY) == null) {
            System.setProperty(NATIVE_CACHE_PROPERTY, nativeCache.toAbsolutePath().toString());
        }
        // JavaCPP would otherwise read the resident size on allocations (8 % of native time in a profile); the
        // off-heap byte limit still applies. Only effective before JavaCPP's Pointer class loads.
        if (System.getProperty(MAX_PHYSICAL_BYTES_PROPERTY) == null) {
            System.setProperty(MAX_PHYSICAL_BYTES_PROPERTY, "0");
        }
        requireNatives(Nd4jRuntime.class.getClassLoader(), Loader.getPlatform());
        ND4JClassLoading.setNd4jClassloaderFromClass(Nd4jRuntime.class);
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        // Some ND4J and JavaCPP code paths still consult the context loader while the backend starts.
        Thread.currentThread().setContextClassLoader(Nd4jRuntime.class.getClassLoader());
        try {
            backend = Nd4j.getBackend().getClass().getName();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        return backend;
    }

    /**
     * Fails with a message a user can act on when ND4J's native library for this computer is not on the class
     * path (in KNIME: the platform fragment org.cdgm.engine.&lt;os&gt;.&lt;arch&gt; is missing), instead of
     * ND4J's UnsatisfiedLinkError deep inside its backend start.
     *
     * @param loader   the class loader ND4J's classes come from
     * @param platform JavaCPP's platform name, e.g. {@code linux-x86_64}, {@code macosx-arm64}
     * @throws IllegalStateException if the library is not there
     */
    static void requireNatives(ClassLoader loader, String platform) {
        String library = "org/nd4j/linalg/cpu/nativecpu/bindings/" + platform + "/"
                + libraryFileName("jnind4jcpu", platform);
        if (loader.getResource(library) == null) {
            throw new IllegalStateException("cdgm has no native libraries for this computer (" + platform + ", "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "). cdgm runs on "
                    + String.join(", ", SUPPORTED_PLATFORMS) + ". In KNIME, reinstall the cdgm extension so that "
                    + "its part for this platform (" + FRAGMENTS.getOrDefault(platform, "none exists yet") + ") is installed too.");
        }
    }

    /** The platforms cdgm ships natives for: JavaCPP's name to the KNIME fragment's (engine-natives/). */
    static final Map<String, String> FRAGMENTS = Map.of(
            "linux-x86_64", "org.cdgm.engine.linux.x86_64",
            "linux-arm64", "org.cdgm.engine.linux.aarch64",
            "windows-x86_64", "org.cdgm.engine.win32.x86_64",
            "macosx-x86_64", "org.cdgm.engine.macosx.x86_64",
            "macosx-arm64", "org.cdgm.engine.macosx.aarch64");
    static final List<String> SUPPORTED_PLATFORMS = FRAGMENTS.keySet().stream().sorted().toList();

    private static String libraryFileName(String name, String platform) {
        if (platform.startsWith("windows")) {
            return name + ".dll";
        }
        return "lib" + name + (platform.startsWith("macosx") ? ".dylib" : ".so");
    }
}

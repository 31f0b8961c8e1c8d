package org.cdgm.engine.runtime;

import java.nio.file.Path;

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
}

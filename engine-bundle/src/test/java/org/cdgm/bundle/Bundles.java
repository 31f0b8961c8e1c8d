package org.cdgm.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.namespace.HostNamespace;

/** Framework start-up and bundle installation shared by the Equinox integration tests. */
final class Bundles {
    private Bundles() {
    }

    /**
     * A started Equinox with its storage under {@code storage}. No boot delegation beyond java.*: bundles must
     * resolve what they need through OSGi wiring and the system bundle's JDK exports, as in KNIME.
     *
     * @param platform the os/arch the framework believes it runs on (Eclipse-PlatformFilter is evaluated against
     *                 them), or null for the real one
     */
    static Framework start(Path storage, Platform platform) throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        if (platform != null) {
            config.put("osgi.os", platform.os());
            config.put("osgi.arch", platform.arch());
        }
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow();
        Framework framework = factory.newFramework(config);
        framework.start();
        return framework;
    }

    static void stop(Framework framework) throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(30_000);
        }
    }

    /** The fragments attached to {@code host} by the resolver, by symbolic name. */
    static java.util.Set<String> attachedFragments(Bundle host) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        BundleWiring wiring = host.adapt(BundleWiring.class);
        if (wiring != null) {
            for (BundleWire wire : wiring.getProvidedWires(HostNamespace.HOST_NAMESPACE)) {
                names.add(wire.getRequirer().getSymbolicName());
            }
        }
        return names;
    }

    /** Unpacks a bundle jar into a folder, as p2 installs a bundle with Eclipse-BundleShape: dir. */
    static Path unpack(Path jar, Path target) throws IOException {
        if (Files.isDirectory(target)) {
            return target;
        }
        try (JarFile jf = new JarFile(jar.toFile())) {
            for (JarEntry e : Collections.list(jf.entries())) {
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

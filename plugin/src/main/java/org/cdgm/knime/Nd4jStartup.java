package org.cdgm.knime;

import java.io.File;
import java.nio.file.Path;

import org.cdgm.engine.runtime.Nd4jRuntime;
import org.knime.core.node.NodeLogger;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Starts ND4J inside KNIME before a node first touches it: backend lookup through the engine bundle's class
 * loader, native libraries unpacked into this bundle's private data folder (not ~/.javacpp, which other KNIME
 * extensions with their own JavaCPP version may share).
 */
public final class Nd4jStartup {
    private static final NodeLogger LOGGER = NodeLogger.getLogger(Nd4jStartup.class);

    private Nd4jStartup() {
    }

    public static void ensureStarted() {
        Bundle bundle = FrameworkUtil.getBundle(Nd4jStartup.class);
        File data = bundle == null ? null : bundle.getDataFile("javacpp-cache");
        Path cache = data == null ? null : data.toPath();
        String backend = Nd4jRuntime.initialise(cache);
        LOGGER.debug("ND4J backend " + backend + ", native cache " + cache);
    }
}

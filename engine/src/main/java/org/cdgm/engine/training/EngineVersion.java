package org.cdgm.engine.training;

/** The engine's version, from the jar manifest when packaged, else "dev". */
public final class EngineVersion {
    private EngineVersion() {
    }

    public static String get() {
        String v = EngineVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}

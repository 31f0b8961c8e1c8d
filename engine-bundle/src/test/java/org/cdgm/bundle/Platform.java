package org.cdgm.bundle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A platform the engine's native fragments exist for: OSGi's names (osgi.os, osgi.arch, as in
 * Eclipse-PlatformFilter and the feature's os/arch) and JavaCPP's (the Maven classifier and the folder name under
 * which JavaCPP looks for the libraries).
 */
record Platform(String os, String arch, String javacpp) {
    static final List<Platform> ALL = List.of(
            new Platform("linux", "x86_64", "linux-x86_64"),
            new Platform("linux", "aarch64", "linux-arm64"),
            new Platform("win32", "x86_64", "windows-x86_64"),
            new Platform("macosx", "x86_64", "macosx-x86_64"),
            new Platform("macosx", "aarch64", "macosx-arm64"));

    /** The fragment's symbolic name, also its Maven artifactId. */
    String fragmentName() {
        return "org.cdgm.engine." + os + "." + arch;
    }

    /** The fragment jar the build produced under engine-natives/ (system properties set by the pom). */
    Path fragmentJar() {
        Path dir = Path.of(System.getProperty("cdgm.fragments.dir"), os + "-" + arch, "target");
        Path jar = dir.resolve(fragmentName() + "-" + System.getProperty("cdgm.fragments.version") + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("fragment not built: " + jar + " (run mvn verify from the top)");
        }
        return jar;
    }

    /** The platform of this JVM, by the JVM's os.name and os.arch, if the engine has natives for it. */
    static Optional<Platform> running() {
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String os = name.startsWith("linux") ? "linux" : name.startsWith("windows") ? "win32"
                : name.startsWith("mac") ? "macosx" : name;
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> System.getProperty("os.arch");
        };
        return ALL.stream().filter(p -> p.os.equals(os) && p.arch.equals(arch)).findFirst();
    }

    @Override
    public String toString() {
        return os + " " + arch;
    }
}

package org.cdgm.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The read-only real data sets in ../shared/data beside the project, found as the engine's tests find them. */
final class SharedData {
    private SharedData() {
    }

    static Path root() {
        Path p = Path.of(System.getProperty("cdgm.shared.data", "../shared/data")).toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("Shared test data not found at " + p + ": the tests expect the project's "
                    + "shared/ folder beside the repository (../shared/data)");
        }
        return p;
    }
}

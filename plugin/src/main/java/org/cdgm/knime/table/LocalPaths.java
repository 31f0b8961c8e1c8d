package org.cdgm.knime.table;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.util.FileUtil;

/**
 * Turns a path setting into a local file: plain paths, file: URLs and KNIME URLs such as
 * {@code knime://knime.workflow/../data/cells.csv} (relative to the workflow, which is what makes shared workflows
 * and testflows portable). The engine's readers need a local file.
 */
public final class LocalPaths {
    private LocalPaths() {
    }

    /**
     * The local file the setting names, which must exist. For configure and execute only, never for validating
     * settings: they are validated when a workflow loads, and a file missing at that moment (moved, on an unplugged
     * drive, written later by another node) must not cost the node its path.
     */
    public static Path existing(String setting, String text) throws InvalidSettingsException {
        Path p = local(setting, text);
        if (!Files.exists(p)) {
            throw new InvalidSettingsException("Setting '" + setting + "': " + p + " does not exist (moved, renamed "
                    + "or not written yet?); restore it or choose it again");
        }
        return p;
    }

    /**
     * The local file the setting names, which need not exist (a file a node writes, or one whose absence the engine
     * reports in its own words).
     *
     * @throws InvalidSettingsException naming the setting when it is empty, cannot be resolved or is not local
     */
    public static Path local(String setting, String text) throws InvalidSettingsException {
        if (text == null || text.isBlank()) {
            throw new InvalidSettingsException("Setting '" + setting + "' is empty: choose a file");
        }
        Path p;
        try {
            p = FileUtil.resolveToPath(FileUtil.toURL(text.trim()));
        } catch (IOException | URISyntaxException | InvalidPathException e) {
            throw new InvalidSettingsException("Setting '" + setting + "': cannot resolve '" + text + "' ("
                    + e.getMessage() + ")", e);
        }
        if (p == null) {
            throw new InvalidSettingsException("Setting '" + setting + "': '" + text + "' is not a local file; "
                    + "download it first (e.g. with the Transfer Files node)");
        }
        return p;
    }
}

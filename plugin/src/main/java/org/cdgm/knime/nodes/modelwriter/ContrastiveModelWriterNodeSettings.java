package org.cdgm.knime.nodes.modelwriter;

import java.nio.file.Files;
import java.nio.file.Path;

import org.cdgm.knime.settings.SettingsGroup;
import org.cdgm.knime.table.LocalPaths;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** Where to write the model file (a plain path, a file: URL or a knime:// URL) and whether to replace one. */
final class ContrastiveModelWriterNodeSettings extends SettingsGroup {
    static final String CFG_PATH = "path";
    static final String CFG_OVERWRITE = "overwrite";
    /** The dialog labels, also used in messages. */
    static final String PATH_LABEL = "Model file";
    static final String OVERWRITE_LABEL = "Overwrite existing file";

    final SettingsModelString path = add(new SettingsModelString(CFG_PATH, ""));
    final SettingsModelBoolean overwrite = add(new SettingsModelBoolean(CFG_OVERWRITE, false));

    /**
     * The local file to write, checked against what is there now: not a folder, not below a file, and not an
     * existing file unless overwriting is allowed. For configure and execute only: settings are validated when a workflow loads, and a
     * file that exists then (the previous run's output) must not cost the node its settings.
     *
     * @throws InvalidSettingsException naming the file and the setting to change
     */
    Path target() throws InvalidSettingsException {
        Path p = LocalPaths.local(PATH_LABEL, path.getStringValue());
        if (Files.isDirectory(p)) {
            throw new InvalidSettingsException("Setting '" + PATH_LABEL + "': " + p + " is a folder; name the file "
                    + "to write in it, e.g. " + p.resolve("model.cdgm"));
        }
        Path folder = p.toAbsolutePath().getParent(); // created when missing, unless a file is in the way
        while (folder != null && !Files.exists(folder)) {
            folder = folder.getParent();
        }
        if (folder != null && !Files.isDirectory(folder)) {
            throw new InvalidSettingsException("Setting '" + PATH_LABEL + "': " + folder + " is a file, not a folder, "
                    + "so " + p + " cannot be written");
        }
        if (Files.exists(p) && !overwrite.getBooleanValue()) {
            throw new InvalidSettingsException(p + " already exists; tick '" + OVERWRITE_LABEL + "' to replace it, "
                    + "or choose another '" + PATH_LABEL + "'");
        }
        return p;
    }
}

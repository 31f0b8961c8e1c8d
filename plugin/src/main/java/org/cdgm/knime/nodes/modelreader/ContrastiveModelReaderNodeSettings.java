package org.cdgm.knime.nodes.modelreader;

import java.nio.file.Path;

import org.cdgm.knime.settings.SettingsGroup;
import org.cdgm.knime.table.LocalPaths;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** The model file to read: a plain path, a file: URL or a knime:// URL; flow-variable capable. */
final class ContrastiveModelReaderNodeSettings extends SettingsGroup {
    static final String CFG_PATH = "path";
    /** The dialog label, also used in messages about the path. */
    static final String PATH_LABEL = "Model file";

    final SettingsModelString path = add(new SettingsModelString(CFG_PATH, ""));

    /**
     * The local file named by the setting, not checked to exist: configure and execute let the engine's
     * {@code ModelFile} report a missing file in its own words. Settings are never refused for the file's sake
     * (they are validated when a workflow loads, when the file may be missing for a while).
     *
     * @throws InvalidSettingsException when the setting is empty or does not name a local file
     */
    Path file() throws InvalidSettingsException {
        return LocalPaths.local(PATH_LABEL, path.getStringValue());
    }
}

package org.cdgm.knime.nodes.modelwriter;

import java.nio.file.Files;
import java.nio.file.Path;

import org.cdgm.knime.settings.DescribedSettingsPane;
import org.cdgm.knime.table.LocalPaths;

/** The file to write, with a line saying what is there now, and the overwrite switch. */
final class ContrastiveModelWriterNodeDialog extends DescribedSettingsPane {
    ContrastiveModelWriterNodeDialog() {
        super(ContrastiveModelWriterNodeFactory.class);
        ContrastiveModelWriterNodeSettings s = new ContrastiveModelWriterNodeSettings();
        file(s.path, "Model file", "cdgm-model-file", ContrastiveModelWriterNodeDialog::describe, ".cdgm")
                .forWriting();
        check(s.overwrite, "Overwrite existing file");
    }

    /** What the path holds now. */
    static String describe(String path) {
        if (path.isBlank()) {
            return "Choose where to write the model, e.g. model.cdgm.";
        }
        Path p;
        try {
            p = LocalPaths.local(ContrastiveModelWriterNodeSettings.PATH_LABEL, path);
        } catch (Exception e) {
            return "Not a local file: " + path + " (the node says why when it is configured).";
        }
        if (Files.isDirectory(p)) {
            return "A folder: add the file name, e.g. " + p.resolve("model.cdgm") + ".";
        }
        if (Files.exists(p)) {
            return "Exists: replaced only when 'Overwrite existing file' is ticked.";
        }
        Path dir = p.toAbsolutePath().getParent();
        return dir != null && Files.isDirectory(dir) ? "New file." : "New file; its folder is created when written.";
    }
}

package org.cdgm.knime.nodes.modelreader;

import java.nio.file.Files;
import java.nio.file.Path;

import org.cdgm.knime.settings.DescribedSettingsPane;
import org.cdgm.knime.table.LocalPaths;

/** The model file, with a line saying what is there. */
final class ContrastiveModelReaderNodeDialog extends DescribedSettingsPane {
    ContrastiveModelReaderNodeDialog() {
        super(ContrastiveModelReaderNodeFactory.class);
        ContrastiveModelReaderNodeSettings s = new ContrastiveModelReaderNodeSettings();
        file(s.path, "Model file", "cdgm-model-file", ContrastiveModelReaderNodeDialog::describe, ".cdgm")
                .filesOnly();
    }

    /** What the path holds; the model itself is read (and judged) when the node is configured. */
    static String describe(String path) {
        if (path.isBlank()) {
            return "Choose a .cdgm file from ./cdgm fit, a Spark fit or the Contrastive Model Writer.";
        }
        Path p;
        try {
            p = LocalPaths.local(ContrastiveModelReaderNodeSettings.PATH_LABEL, path);
        } catch (Exception e) {
            return "Not a local file: " + path + " (the node says why when it is configured).";
        }
        if (Files.isDirectory(p)) {
            return "A folder: choose the model file in it (e.g. model.cdgm).";
        }
        return Files.isRegularFile(p) ? "Found; the node reads and checks it when it is configured."
                : "Not found: " + p + " (the node says so when it is configured; the path is kept).";
    }
}

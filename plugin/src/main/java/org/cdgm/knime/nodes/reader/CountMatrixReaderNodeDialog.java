package org.cdgm.knime.nodes.reader;

import javax.swing.JFileChooser;

import org.cdgm.engine.io.MatrixFormat;
import org.cdgm.knime.settings.Choices;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** File and format first; background/target selection and gene filters below; format details on a tab. */
final class CountMatrixReaderNodeDialog extends DefaultNodeSettingsPane {
    CountMatrixReaderNodeDialog() {
        CountMatrixReaderNodeSettings s = new CountMatrixReaderNodeSettings();
        createNewGroup("File or folder");
        addDialogComponent(new DialogComponentFileChooser(s.path, "cdgm-count-matrix", JFileChooser.OPEN_DIALOG,
                false, ".h5ad", ".csv", ".tsv", ".csv.gz", ".tsv.gz", ".txt"));
        addDialogComponent(new DialogComponentStringSelection(s.format, "Format", Choices.names(MatrixFormat.class)));
        closeCurrentGroup();
        createNewGroup("Background and target");
        addDialogComponent(new DialogComponentString(s.conditionSource, "Condition source column"));
        addDialogComponent(new DialogComponentString(s.backgroundValues, "Background values"));
        addDialogComponent(new DialogComponentString(s.targetValues, "Target values"));
        closeCurrentGroup();
        createNewGroup("Genes");
        addDialogComponent(new DialogComponentNumber(s.minCells, "Minimum cells per gene", 1));
        addDialogComponent(new DialogComponentNumber(s.topGenes, "Highly variable genes", 100));
        closeCurrentGroup();
        createNewTab("Format options");
        addDialogComponent(new DialogComponentString(s.h5adLayer, "h5ad layer"));
        createNewGroup("Cell metadata file (10x)");
        addDialogComponent(new DialogComponentFileChooser(s.metadataFile, "cdgm-cell-metadata",
                JFileChooser.OPEN_DIALOG, false, ".csv", ".csv.gz"));
        closeCurrentGroup();
        addDialogComponent(new DialogComponentString(s.metadataIdColumn, "Metadata cell ID column"));
        addDialogComponent(new DialogComponentBoolean(s.csvCellsAsRows, "CSV has cells as rows"));
        addDialogComponent(new DialogComponentString(s.csvIdColumn, "CSV cell ID column"));
        addDialogComponent(new DialogComponentString(s.csvMetadataColumns, "CSV metadata columns"));
    }
}

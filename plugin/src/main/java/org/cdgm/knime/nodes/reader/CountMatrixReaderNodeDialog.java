package org.cdgm.knime.nodes.reader;

import java.util.Arrays;

import javax.swing.JFileChooser;

import org.cdgm.engine.io.MatrixFormat;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** File and format first; background/target selection and cell and gene filters below; format details on a tab. */
final class CountMatrixReaderNodeDialog extends DefaultNodeSettingsPane {
    CountMatrixReaderNodeDialog() {
        CountMatrixReaderNodeSettings s = new CountMatrixReaderNodeSettings();
        createNewGroup("File or folder");
        addDialogComponent(new DialogComponentFileChooser(s.path, "cdgm-count-matrix", JFileChooser.OPEN_DIALOG,
                false, ".h5ad", ".h5", ".mtx", ".mtx.gz", ".csv", ".tsv", ".csv.gz", ".tsv.gz", ".txt"));
        addDialogComponent(new DialogComponentStringSelection(s.format, "Format",
                Arrays.stream(MatrixFormat.values()).map(MatrixFormat::label).toList()));
        closeCurrentGroup();
        createNewGroup("Background and target");
        addDialogComponent(new DialogComponentString(s.conditionSource, "Condition source column"));
        addDialogComponent(new DialogComponentString(s.backgroundValues, "Background values"));
        addDialogComponent(new DialogComponentString(s.targetValues, "Target values"));
        closeCurrentGroup();
        createNewGroup("Cells and genes");
        addDialogComponent(new DialogComponentNumber(s.minCounts, "Minimum counts per cell", 100));
        addDialogComponent(new DialogComponentNumber(s.minCells, "Minimum cells per gene", 1));
        addDialogComponent(new DialogComponentNumber(s.topGenes, "Highly variable genes", 100));
        closeCurrentGroup();
        createNewTab("Format options");
        addDialogComponent(new DialogComponentString(s.h5adLayer, "Layer (h5ad)"));
        addDialogComponent(new DialogComponentString(s.featureTypes, "Feature types"));
        createNewGroup("Cell metadata file");
        addDialogComponent(new DialogComponentFileChooser(s.metadataFile, "cdgm-cell-metadata",
                JFileChooser.OPEN_DIALOG, false, ".csv", ".tsv", ".txt", ".csv.gz", ".tsv.gz"));
        closeCurrentGroup();
        addDialogComponent(new DialogComponentString(s.metadataIdColumn, "Metadata cell ID column"));
        createNewGroup("Text tables");
        addDialogComponent(new DialogComponentStringSelection(s.delimiter, "Delimiter",
                CountMatrixReaderNodeSettings.DELIMITERS));
        addDialogComponent(new DialogComponentStringSelection(s.decimal, "Decimal mark",
                CountMatrixReaderNodeSettings.DECIMALS));
        addDialogComponent(new DialogComponentBoolean(s.csvCellsAsRows, "CSV has cells as rows"));
        addDialogComponent(new DialogComponentString(s.csvIdColumn, "CSV ID column"));
        addDialogComponent(new DialogComponentString(s.csvMetadataColumns, "CSV metadata columns"));
        closeCurrentGroup();
    }
}

package org.cdgm.knime.nodes.reader;

import org.cdgm.knime.nodes.DialogNodeFactory;
import org.knime.core.node.NodeDialogPane;

/** Single-Cell Count Reader; described in CountMatrixReaderNodeFactory.xml. */
public final class CountMatrixReaderNodeFactory extends DialogNodeFactory<CountMatrixReaderNodeModel> {

    @Override
    public CountMatrixReaderNodeModel createNodeModel() {
        return new CountMatrixReaderNodeModel();
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new CountMatrixReaderNodeDialog();
    }
}

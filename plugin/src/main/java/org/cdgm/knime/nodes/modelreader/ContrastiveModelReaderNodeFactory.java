package org.cdgm.knime.nodes.modelreader;

import org.cdgm.knime.nodes.DialogNodeFactory;
import org.knime.core.node.NodeDialogPane;

/** Contrastive Model Reader; described in ContrastiveModelReaderNodeFactory.xml. */
public final class ContrastiveModelReaderNodeFactory extends DialogNodeFactory<ContrastiveModelReaderNodeModel> {

    @Override
    public ContrastiveModelReaderNodeModel createNodeModel() {
        return new ContrastiveModelReaderNodeModel();
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new ContrastiveModelReaderNodeDialog();
    }
}

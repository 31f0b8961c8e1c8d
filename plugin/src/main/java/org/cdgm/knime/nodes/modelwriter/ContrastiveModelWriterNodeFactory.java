package org.cdgm.knime.nodes.modelwriter;

import org.cdgm.knime.nodes.DialogNodeFactory;
import org.knime.core.node.NodeDialogPane;

/** Contrastive Model Writer; described in ContrastiveModelWriterNodeFactory.xml. */
public final class ContrastiveModelWriterNodeFactory extends DialogNodeFactory<ContrastiveModelWriterNodeModel> {

    @Override
    public ContrastiveModelWriterNodeModel createNodeModel() {
        return new ContrastiveModelWriterNodeModel();
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new ContrastiveModelWriterNodeDialog();
    }
}

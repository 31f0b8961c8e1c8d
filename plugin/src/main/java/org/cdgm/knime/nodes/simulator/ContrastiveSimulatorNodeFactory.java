package org.cdgm.knime.nodes.simulator;

import org.cdgm.knime.nodes.DialogNodeFactory;
import org.knime.core.node.NodeDialogPane;

/** Contrastive Data Simulator; described in ContrastiveSimulatorNodeFactory.xml. */
public final class ContrastiveSimulatorNodeFactory extends DialogNodeFactory<ContrastiveSimulatorNodeModel> {

    @Override
    public ContrastiveSimulatorNodeModel createNodeModel() {
        return new ContrastiveSimulatorNodeModel();
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new ContrastiveSimulatorNodeDialog();
    }
}

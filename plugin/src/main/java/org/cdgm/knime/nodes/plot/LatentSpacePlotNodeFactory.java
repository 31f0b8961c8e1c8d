package org.cdgm.knime.nodes.plot;

import org.cdgm.knime.nodes.DialogNodeFactory;
import org.knime.core.node.NodeDialogPane;

/** Latent Space Plot; described in LatentSpacePlotNodeFactory.xml. */
public final class LatentSpacePlotNodeFactory extends DialogNodeFactory<LatentSpacePlotNodeModel> {

    @Override
    public LatentSpacePlotNodeModel createNodeModel() {
        return new LatentSpacePlotNodeModel();
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new LatentSpacePlotNodeDialog();
    }
}

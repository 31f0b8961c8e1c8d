package org.cdgm.knime.nodes.genes;

import org.cdgm.knime.nodes.DialogNodeFactory;
import org.knime.core.node.NodeDialogPane;

/** Salient Gene Programs; described in SalientGeneProgramsNodeFactory.xml. */
public final class SalientGeneProgramsNodeFactory extends DialogNodeFactory<SalientGeneProgramsNodeModel> {

    @Override
    public SalientGeneProgramsNodeModel createNodeModel() {
        return new SalientGeneProgramsNodeModel();
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new SalientGeneProgramsNodeDialog();
    }
}

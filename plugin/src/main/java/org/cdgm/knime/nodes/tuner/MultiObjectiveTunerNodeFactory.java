package org.cdgm.knime.nodes.tuner;

import org.cdgm.knime.nodes.DialogNodeFactory;
import org.knime.core.node.NodeDialogPane;

/** Multi-Objective Tuner; described in MultiObjectiveTunerNodeFactory.xml. */
public final class MultiObjectiveTunerNodeFactory extends DialogNodeFactory<MultiObjectiveTunerNodeModel> {

    @Override
    public MultiObjectiveTunerNodeModel createNodeModel() {
        return new MultiObjectiveTunerNodeModel();
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new MultiObjectiveTunerNodeDialog();
    }
}

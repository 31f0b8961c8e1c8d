package org.cdgm.knime.nodes.learner;

import org.cdgm.knime.nodes.DialogNodeFactory;
import org.knime.core.node.NodeDialogPane;

/** Contrastive VAE Learner; described in ContrastiveVaeLearnerNodeFactory.xml. */
public final class ContrastiveVaeLearnerNodeFactory extends DialogNodeFactory<ContrastiveVaeLearnerNodeModel> {

    @Override
    public ContrastiveVaeLearnerNodeModel createNodeModel() {
        return new ContrastiveVaeLearnerNodeModel();
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new ContrastiveVaeLearnerNodeDialog();
    }
}

package org.cdgm.knime.nodes.predictor;

import org.cdgm.knime.nodes.DialogNodeFactory;
import org.knime.core.node.NodeDialogPane;

/** Contrastive VAE Predictor; described in ContrastiveVaePredictorNodeFactory.xml. */
public final class ContrastiveVaePredictorNodeFactory extends DialogNodeFactory<ContrastiveVaePredictorNodeModel> {

    @Override
    public ContrastiveVaePredictorNodeModel createNodeModel() {
        return new ContrastiveVaePredictorNodeModel();
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new ContrastiveVaePredictorNodeDialog();
    }
}

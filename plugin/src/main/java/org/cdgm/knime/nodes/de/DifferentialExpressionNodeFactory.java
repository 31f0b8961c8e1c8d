package org.cdgm.knime.nodes.de;

import org.cdgm.knime.nodes.DialogNodeFactory;
import org.knime.core.node.NodeDialogPane;

/** Differential Expression; described in DifferentialExpressionNodeFactory.xml. */
public final class DifferentialExpressionNodeFactory extends DialogNodeFactory<DifferentialExpressionNodeModel> {

    @Override
    public DifferentialExpressionNodeModel createNodeModel() {
        return new DifferentialExpressionNodeModel();
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new DifferentialExpressionNodeDialog();
    }
}

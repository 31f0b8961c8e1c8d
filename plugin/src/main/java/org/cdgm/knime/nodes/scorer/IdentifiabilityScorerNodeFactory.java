package org.cdgm.knime.nodes.scorer;

import org.cdgm.knime.nodes.DialogNodeFactory;
import org.knime.core.node.NodeDialogPane;

/** Identifiability Scorer; described in IdentifiabilityScorerNodeFactory.xml. */
public final class IdentifiabilityScorerNodeFactory extends DialogNodeFactory<IdentifiabilityScorerNodeModel> {

    @Override
    public IdentifiabilityScorerNodeModel createNodeModel() {
        return new IdentifiabilityScorerNodeModel();
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new IdentifiabilityScorerNodeDialog();
    }
}

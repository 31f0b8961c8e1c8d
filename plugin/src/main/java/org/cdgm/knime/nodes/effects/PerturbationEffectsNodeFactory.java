package org.cdgm.knime.nodes.effects;

import org.cdgm.knime.nodes.DialogNodeFactory;
import org.knime.core.node.NodeDialogPane;

/** Perturbation Effects; described in PerturbationEffectsNodeFactory.xml. */
public final class PerturbationEffectsNodeFactory extends DialogNodeFactory<PerturbationEffectsNodeModel> {

    @Override
    public PerturbationEffectsNodeModel createNodeModel() {
        return new PerturbationEffectsNodeModel();
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new PerturbationEffectsNodeDialog();
    }
}

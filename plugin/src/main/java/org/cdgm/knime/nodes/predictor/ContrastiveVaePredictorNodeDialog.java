package org.cdgm.knime.nodes.predictor;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentString;

/** Column name prefixes of the appended coordinates. */
final class ContrastiveVaePredictorNodeDialog extends DefaultNodeSettingsPane {
    ContrastiveVaePredictorNodeDialog() {
        ContrastiveVaePredictorNodeSettings s = new ContrastiveVaePredictorNodeSettings();
        addDialogComponent(new DialogComponentString(s.sharedPrefix, "Shared column prefix"));
        addDialogComponent(new DialogComponentString(s.salientPrefix, "Salient column prefix"));
    }
}

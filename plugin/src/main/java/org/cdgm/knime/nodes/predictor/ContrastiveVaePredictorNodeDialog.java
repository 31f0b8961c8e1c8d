package org.cdgm.knime.nodes.predictor;

import org.cdgm.knime.settings.DescribedSettingsPane;

/** Column name prefixes of the appended coordinates. */
final class ContrastiveVaePredictorNodeDialog extends DescribedSettingsPane {
    ContrastiveVaePredictorNodeDialog() {
        super(ContrastiveVaePredictorNodeFactory.class);
        ContrastiveVaePredictorNodeSettings s = new ContrastiveVaePredictorNodeSettings();
        text(s.sharedPrefix, "Shared column prefix");
        text(s.salientPrefix, "Salient column prefix");
    }
}

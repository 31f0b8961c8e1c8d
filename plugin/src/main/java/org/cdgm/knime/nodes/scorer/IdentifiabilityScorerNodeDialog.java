package org.cdgm.knime.nodes.scorer;

import org.cdgm.knime.nodes.scorer.IdentifiabilityScorerNodeSettings.Reference;
import org.cdgm.knime.settings.DescribedSettingsPane;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * Reference kind; column prefixes picked from the numbered columns of each input (or typed), the condition column
 * from the first input's string columns and the target label from its values; quality gates at the bottom.
 */
final class IdentifiabilityScorerNodeDialog extends DescribedSettingsPane {
    IdentifiabilityScorerNodeDialog() {
        super(IdentifiabilityScorerNodeFactory.class);
        IdentifiabilityScorerNodeSettings s = new IdentifiabilityScorerNodeSettings();
        choice(s.reference, "Reference", Reference.values());
        createNewGroup("Columns of the first input (learned)");
        prefix(s.learnedShared, "Learned shared prefix", 0);
        prefix(s.learnedSalient, "Learned salient prefix", 0);
        column(s.conditionColumn, "Condition column", 0);
        valueOf(s.targetLabel, "Target label", 0, s.conditionColumn);
        closeCurrentGroup();
        createNewGroup("Columns of the second input (reference)");
        prefix(s.referenceShared, "Reference shared prefix", 1);
        prefix(s.referenceSalient, "Reference salient prefix", 1);
        closeCurrentGroup();
        // The reference's prefixes follow the reference kind while they are the other kind's defaults: the
        // simulator writes "true shared 1..", a predictor "shared 1.."; a prefix the user typed is left alone.
        s.reference.addChangeListener(e -> {
            boolean known = Reference.KNOWN_LATENTS.name().equals(s.reference.getStringValue());
            follow(s.referenceShared, known ? "shared" : "true shared", known ? "true shared" : "shared");
            follow(s.referenceSalient, known ? "salient" : "true salient", known ? "true salient" : "salient");
        });
        createNewGroup("Quality gates (0 = off)");
        number(s.minSharedMcc, "Minimum shared MCC");
        number(s.minSalientMcc, "Minimum salient MCC");
        closeCurrentGroup();
    }

    private static void follow(SettingsModelString prefix, String otherDefault, String mine) {
        if (otherDefault.equals(prefix.getStringValue())) {
            prefix.setStringValue(mine);
        }
    }
}

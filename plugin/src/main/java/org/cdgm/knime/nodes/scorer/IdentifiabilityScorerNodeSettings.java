package org.cdgm.knime.nodes.scorer;

import org.cdgm.engine.data.UserChoice;
import org.cdgm.knime.settings.Choices;
import org.cdgm.knime.settings.SettingsGroup;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** What the learned coordinates are compared with, where the columns are, and optional quality gates. */
final class IdentifiabilityScorerNodeSettings extends SettingsGroup {
    static final String CFG_REFERENCE = "reference";
    static final String CFG_LEARNED_SHARED = "learned_shared_prefix";
    static final String CFG_LEARNED_SALIENT = "learned_salient_prefix";
    static final String CFG_REFERENCE_SHARED = "reference_shared_prefix";
    static final String CFG_REFERENCE_SALIENT = "reference_salient_prefix";
    static final String CFG_CONDITION_COLUMN = "condition_column";
    static final String CFG_TARGET_LABEL = "target_label";
    static final String CFG_MIN_SHARED_MCC = "min_shared_mcc";
    static final String CFG_MIN_SALIENT_MCC = "min_salient_mcc";

    /** What the second input holds. */
    enum Reference implements UserChoice {
        /** The true latents of simulated data (the simulator's second output). */
        KNOWN_LATENTS("Known latents (simulated data)",
                "The simulator's true latents: scores recovery of the truth (MCC, R2, leakage)."),
        /** Coordinates of the same cells from a second fit with another seed. */
        SEED_STABILITY("Second fit (seed stability)",
                "Coordinates of the same cells from a fit with another seed: scores stability.");

        private final String title;
        private final String help;

        Reference(String title, String help) {
            this.title = title;
            this.help = help;
        }

        @Override
        public String title() {
            return title;
        }

        @Override
        public String help() {
            return help;
        }
    }

    final SettingsModelString reference = add(new SettingsModelString(CFG_REFERENCE, Reference.KNOWN_LATENTS.name()));
    final SettingsModelString learnedShared = add(new SettingsModelString(CFG_LEARNED_SHARED, "shared"));
    final SettingsModelString learnedSalient = add(new SettingsModelString(CFG_LEARNED_SALIENT, "salient"));
    final SettingsModelString referenceShared = add(new SettingsModelString(CFG_REFERENCE_SHARED, "true shared"));
    final SettingsModelString referenceSalient = add(new SettingsModelString(CFG_REFERENCE_SALIENT,
            "true salient"));
    final SettingsModelString conditionColumn = add(new SettingsModelString(CFG_CONDITION_COLUMN, "condition"));
    final SettingsModelString targetLabel = add(new SettingsModelString(CFG_TARGET_LABEL, "target"));
    final SettingsModelDoubleBounded minSharedMcc = add(new SettingsModelDoubleBounded(CFG_MIN_SHARED_MCC, 0, 0,
            1));
    final SettingsModelDoubleBounded minSalientMcc = add(new SettingsModelDoubleBounded(CFG_MIN_SALIENT_MCC, 0,
            0, 1));

    Reference referenceKind() throws InvalidSettingsException {
        return Choices.parse(Reference.class, "Reference", reference.getStringValue());
    }

    @Override
    public void check() throws InvalidSettingsException {
        referenceKind();
        for (SettingsModelString m : new SettingsModelString[] {learnedShared, learnedSalient, referenceShared,
            referenceSalient, conditionColumn, targetLabel}) {
            if (m.getStringValue() == null || m.getStringValue().isBlank()) {
                throw new InvalidSettingsException("Setting '" + m.getKey() + "' must not be empty");
            }
        }
    }
}

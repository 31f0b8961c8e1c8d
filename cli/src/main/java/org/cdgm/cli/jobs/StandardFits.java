package org.cdgm.cli.jobs;

import java.util.ArrayList;
import java.util.List;

import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.objectives.RegulariserKind;
import org.cdgm.engine.training.TrainingMode;
import org.cdgm.engine.training.TrainingSettings;

/**
 * The fits the main job compares. Classic and MO use the same MM-cVAE penalty (weight 1), so they differ only
 * in how the background and target gradients are combined; CO replaces the weight by the constraint R <= epsilon.
 */
final class StandardFits {
    static final String UNREGULARISED = "unregularised";
    static final String CLASSIC = "classic (MM-cVAE penalty)";
    static final String MO = "MO-cVAE";
    static final String CO = "CO-cVAE";
    static final String MO_CO = "MO+CO-cVAE";

    private StandardFits() {
    }

    static List<FitSpec> specs(ModelConfig model, int epochs, long seed, boolean withBaselines) {
        List<FitSpec> specs = new ArrayList<>();
        if (withBaselines) {
            specs.add(spec(UNREGULARISED, model, TrainingMode.CLASSIC, RegulariserKind.NONE, epochs, seed));
        }
        specs.add(spec(CLASSIC, model, TrainingMode.CLASSIC, RegulariserKind.MM_CVAE, epochs, seed));
        specs.add(spec(MO, model, TrainingMode.MULTI_OBJECTIVE, RegulariserKind.MM_CVAE, epochs, seed));
        specs.add(spec(CO, model, TrainingMode.CONSTRAINED, RegulariserKind.MM_CVAE, epochs, seed));
        if (withBaselines) {
            specs.add(spec(MO_CO, model, TrainingMode.MULTI_OBJECTIVE_CONSTRAINED, RegulariserKind.MM_CVAE, epochs,
                    seed));
        }
        return specs;
    }

    private static FitSpec spec(String label, ModelConfig model, TrainingMode mode, RegulariserKind reg, int epochs,
                                long seed) {
        TrainingSettings t = TrainingSettings.defaults(mode).withRegulariser(reg, reg == RegulariserKind.NONE ? 0 : 1)
                .withEpochs(epochs).withSeed(seed);
        return new FitSpec(label, model, t);
    }
}

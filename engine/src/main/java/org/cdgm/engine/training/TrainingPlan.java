package org.cdgm.engine.training;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a training mode is: how a step's gradients are combined and how the regulariser is weighted. Each fit takes
 * fresh instances from the two factories (both keep per-fit state). The built-in modes are registered in
 * {@link TrainingMode}; {@link Trainer#Trainer(org.cdgm.engine.model.ModelConfig, TrainingSettings, TrainingPlan)}
 * fits with any other.
 *
 * @param combiner makes the {@link GradientCombiner} of a fit
 * @param weight   makes the {@link RegulariserWeight} of a fit
 */
public record TrainingPlan(Supplier<? extends GradientCombiner> combiner,
                           Supplier<? extends RegulariserWeight> weight) {

    public TrainingPlan {
        Objects.requireNonNull(combiner, "combiner");
        Objects.requireNonNull(weight, "weight");
    }
}

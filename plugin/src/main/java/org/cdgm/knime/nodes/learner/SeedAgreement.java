package org.cdgm.knime.nodes.learner;

import java.util.Locale;
import java.util.Optional;

import org.cdgm.engine.tuning.SeedRestarts;

/**
 * What the learner tells the user about its seed restarts: how well the seeds agree, and a warning when a space
 * changes from seed to seed. Agreement is the mean pairwise MCC of {@link SeedRestarts}: 1 = every seed found the
 * same space (up to the order and sign of its axes), near 0 = unrelated spaces.
 */
final class SeedAgreement {
    /**
     * Below this mean pairwise MCC a space is called unstable: on a real data set (issue 11) salient stability of
     * 0.28 to 0.68 came with held-out accuracy ranging from 0.57 to 0.96 between seeds.
     */
    static final double UNSTABLE = 0.5;

    private SeedAgreement() {
    }

    /** e.g. "3 seeds (42 to 44), kept seed 43 (lowest held-out loss); agreement ... salient MCC 0.81 (R^2 0.77)". */
    static String describe(SeedRestarts.Outcome o) {
        long first = o.fits().get(0).seed();
        long last = o.fits().get(o.fits().size() - 1).seed();
        return String.format(Locale.ROOT, "%d seeds (%d to %d), kept seed %d (lowest held-out loss); agreement "
                + "between seeds: shared MCC %.2f (R^2 %.2f), salient MCC %.2f (R^2 %.2f)", o.fits().size(), first,
                last, o.best().seed(), o.sharedMcc(), o.sharedR2(), o.salientMcc(), o.salientR2());
    }

    /** A warning when the salient or the shared space disagrees between seeds, saying what it means and what to do. */
    static Optional<String> warning(SeedRestarts.Outcome o) {
        boolean salient = !(o.salientMcc() >= UNSTABLE); // NaN counts as unstable
        boolean shared = !(o.sharedMcc() >= UNSTABLE);
        if (!salient && !shared) {
            return Optional.empty();
        }
        String which = salient && shared ? "Both spaces change" : salient ? "The salient space changes"
                : "The shared space changes";
        return Optional.of(String.format(Locale.ROOT, "%s from seed to seed (mean MCC between the %d seeds: shared "
                + "%.2f, salient %.2f; 1 = the same space every time): do not interpret single coordinates of this "
                + "fit. Try a smaller latent size (k_t or k_z) or more epochs, then check again with the same "
                + "restarts.", which, o.fits().size(), o.sharedMcc(), o.salientMcc()));
    }
}

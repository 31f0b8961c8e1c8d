package org.cdgm.engine.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;

import org.cdgm.engine.data.InvalidInputException;

/**
 * What each perturbation does: for every label of the target cells (guide target, drug, dose), the
 * {@link EnergyDistance} of its cells from the background cells and an {@link EnergyTest} p-value, in the salient
 * space (where a perturbation's own effect should show) and in the shared space (which should show none, if the
 * model separated the two), each corrected over the labels with {@link BenjaminiHochberg}. This is scPerturb's
 * E-statistic per perturbation (Peidli et al. 2024, Nature Methods 21:531-540) applied to the model's two spaces.
 *
 * <p>Each label is tested against the background cells, both subsampled to {@code maxCells} (stratified when
 * strata are given) with a seed derived from the settings' seed and the label's name (so a label's result does
 * not change when other labels are added or left out), the same cells and permutations in both spaces.
 */
public final class PerturbationEffects {
    private PerturbationEffects() {
    }

    /**
     * One label's effect. Distances are in the units of the coordinates; p-values are permutation p-values, the
     * adjusted ones Benjamini-Hochberg over the labels tested.
     *
     * @param cells             the label's cells (all of them, before subsampling); p-values are NaN when the
     *                            strata allow no relabelling
     * @param salientCoefficient  the salient distance over twice the mean salient distance between the label's
     *                            and the background cells: in [0, 1] whatever the space's scale, so comparable
     *                            with {@code sharedCoefficient} (Rizzo & Szekely 2016)
     * @param sharedCoefficient   the same in the shared space
     */
    public record LabelEffect(String label, int cells, double salientDistance, double salientP, double salientPAdj,
            double sharedDistance, double sharedP, double sharedPAdj, double salientCoefficient,
            double sharedCoefficient) {
    }

    /**
     * @param permutations relabellings per test, 1 to {@value EnergyTest#MAX_PERMUTATIONS}
     * @param maxCells     cells per group kept in a test (label and background are subsampled to it), 2 to
     *                     {@value EnergyTest#MAX_CELLS_LIMIT}
     * @param minCells     labels with fewer cells are left out, at least 2
     * @param seed         seeds subsampling and permutations
     */
    public record Settings(int permutations, int maxCells, int minCells, long seed) {
        /** @throws InvalidInputException naming "permutations", "maximum cells" or "minimum cells" */
        public Settings {
            if (permutations < 1 || permutations > EnergyTest.MAX_PERMUTATIONS) {
                throw new InvalidInputException("The number of permutations must be between 1 and "
                        + EnergyTest.MAX_PERMUTATIONS + ", got " + permutations + ".");
            }
            if (maxCells < 2 || maxCells > EnergyTest.MAX_CELLS_LIMIT) {
                throw new InvalidInputException("The maximum cells per test must be between 2 and "
                        + EnergyTest.MAX_CELLS_LIMIT + ", got " + maxCells + ".");
            }
            if (minCells < 2) {
                throw new InvalidInputException("The minimum cells per label must be at least 2, got " + minCells
                        + " (a label of one cell says nothing about a distribution).");
            }
        }

        /** 1,000 permutations, at most 500 cells per group, labels of at least 10 cells, seed 0. */
        public static Settings defaults() {
            return new Settings(1000, 500, 10, 0);
        }
    }

    /**
     * @param effects  one per label tested, by salient distance, largest first
     * @param warnings what was left out and why, in words for the user; empty when nothing was
     */
    public record Result(List<LabelEffect> effects, List<String> warnings) {
        public Result {
            effects = List.copyOf(effects);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * @param backgroundShared  background cells x shared dimensions
     * @param backgroundSalient background cells x salient dimensions, same cells in the same order
     * @param backgroundStrata  stratum (e.g. replicate) of each background cell, or null
     * @param targetShared      target cells x shared dimensions
     * @param targetSalient     target cells x salient dimensions, same cells in the same order
     * @param targetLabels      label of each target cell; null or "" cells are skipped (counted in a warning)
     * @param targetStrata      stratum of each target cell, or null; given exactly when {@code backgroundStrata} is
     * @param progress          receives the number of labels done after each, may be null
     * @throws InvalidInputException when the arrays' lengths or dimensions disagree (the message names them), a
     *                               coordinate is not finite, or no label has {@code minCells} cells
     */
    public static Result compute(double[][] backgroundShared, double[][] backgroundSalient, String[] backgroundStrata,
            double[][] targetShared, double[][] targetSalient, String[] targetLabels, String[] targetStrata,
            Settings settings, IntConsumer progress) {
        int bShared = Points.require(backgroundShared, "the shared coordinates of the background cells");
        int bSalient = Points.require(backgroundSalient, "the salient coordinates of the background cells");
        int tShared = Points.require(targetShared, "the shared coordinates of the target cells");
        int tSalient = Points.require(targetSalient, "the salient coordinates of the target cells");
        Points.sameDimensions(tShared, "the shared coordinates of the target cells", bShared,
                "those of the background cells");
        Points.sameDimensions(tSalient, "the salient coordinates of the target cells", bSalient,
                "those of the background cells");
        int nb = backgroundShared.length;
        int nt = targetShared.length;
        sameLength(backgroundSalient.length, "salient coordinates", nb, "shared coordinates", "background");
        sameLength(targetSalient.length, "salient coordinates", nt, "shared coordinates", "target");
        sameLength(targetLabels == null ? -1 : targetLabels.length, "labels", nt, "coordinates", "target");
        if ((backgroundStrata == null) != (targetStrata == null)) {
            throw new InvalidInputException("Strata (replicates) are given for the "
                    + (backgroundStrata == null ? "target" : "background")
                    + " cells only; give them for both or for neither.");
        }
        if (backgroundStrata != null) {
            sameLength(backgroundStrata.length, "strata", nb, "coordinates", "background");
            sameLength(targetStrata.length, "strata", nt, "coordinates", "target");
        }

        if (nb < settings.minCells()) {
            throw new InvalidInputException("There are " + nb + " background cells; a label is compared with the "
                    + "background cells, which need at least the minimum cells per label (" + settings.minCells()
                    + ") as well");
        }
        List<String> warnings = new ArrayList<>();
        Map<String, List<Integer>> byLabel = LabelGroups.of(targetLabels, warnings);
        LabelGroups.dropSmall(byLabel, settings.minCells(), warnings);

        List<String> labels = new ArrayList<>(byLabel.keySet());
        double[][] tests = new double[labels.size()][6]; // salient E, p, shared E, p, salient H, shared H
        for (int l = 0; l < labels.size(); l++) {
            int[] rows = byLabel.get(labels.get(l)).stream().mapToInt(Integer::intValue).toArray();
            EnergyTest test = new EnergyTest(settings.permutations(), settings.maxCells(),
                    labelSeed(settings, labels.get(l)));
            String[] strata = targetStrata == null ? null : LabelGroups.pick(targetStrata, rows);
            EnergyTest.Result salient = test.test(LabelGroups.pick(targetSalient, rows), strata, backgroundSalient,
                    backgroundStrata);
            EnergyTest.Result shared = test.test(LabelGroups.pick(targetShared, rows), strata, backgroundShared,
                    backgroundStrata);
            tests[l] = new double[] {salient.distance(), salient.pValue(), shared.distance(), shared.pValue(),
                salient.coefficient(), shared.coefficient()};
            if (progress != null) {
                progress.accept(l + 1);
            }
        }
        List<String> untestable = new ArrayList<>();
        for (int l = 0; l < labels.size(); l++) {
            if (Double.isNaN(tests[l][1])) {
                untestable.add(labels.get(l));
            }
        }
        if (!untestable.isEmpty()) {
            warnings.add("no p-value for " + String.join(", ", untestable) + ": no replicate holds both "
                    + (untestable.size() == 1 ? "its" : "their") + " cells and background cells, so labels cannot be "
                    + "shuffled within replicates (the replicate column is confounded with the comparison)");
        }
        double[] salientAdj = BenjaminiHochberg.adjust(column(tests, 1));
        double[] sharedAdj = BenjaminiHochberg.adjust(column(tests, 3));
        List<LabelEffect> effects = new ArrayList<>();
        for (int l = 0; l < labels.size(); l++) {
            effects.add(new LabelEffect(labels.get(l), byLabel.get(labels.get(l)).size(), tests[l][0], tests[l][1],
                    salientAdj[l], tests[l][2], tests[l][3], sharedAdj[l], tests[l][4], tests[l][5]));
        }
        effects.sort(Comparator.comparingDouble(LabelEffect::salientDistance).reversed()
                .thenComparing(LabelEffect::label));
        return new Result(effects, warnings);
    }

    /** A stream per label, the same for both spaces; String.hashCode is fixed by the Java specification. */
    private static long labelSeed(Settings settings, String label) {
        return settings.seed() * 1_000_003L + label.hashCode();
    }

    private static double[] column(double[][] rows, int j) {
        double[] c = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            c[i] = rows[i][j];
        }
        return c;
    }

    private static void sameLength(int actual, String what, int expected, String reference, String cells) {
        if (actual != expected) {
            throw new InvalidInputException("The " + cells + " cells have " + expected + " rows of " + reference
                    + " but " + (actual < 0 ? "no" : String.valueOf(actual)) + " " + what
                    + "; give one per cell, in the same order.");
        }
    }

    /** Label bookkeeping, kept apart so compute reads as the analysis. */
    private static final class LabelGroups {
        /** Rows of each non-blank label, labels sorted; blank or null labels counted in a warning. */
        static Map<String, List<Integer>> of(String[] labels, List<String> warnings) {
            Map<String, List<Integer>> byLabel = new TreeMap<>();
            int blank = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == null || labels[i].isBlank()) {
                    blank++;
                } else {
                    byLabel.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
                }
            }
            if (blank > 0) {
                warnings.add("skipped " + blank + " target cell" + (blank == 1 ? "" : "s") + " without a label");
            }
            return byLabel;
        }

        static void dropSmall(Map<String, List<Integer>> byLabel, int minCells, List<String> warnings) {
            List<String> small = new ArrayList<>();
            byLabel.entrySet().removeIf(e -> {
                if (e.getValue().size() < minCells) {
                    small.add(e.getKey() + " (" + e.getValue().size() + ")");
                    return true;
                }
                return false;
            });
            if (byLabel.isEmpty()) {
                throw new InvalidInputException("No label has at least " + minCells + " target cells"
                        + (small.isEmpty() ? "" : " (" + String.join(", ", small) + ")")
                        + "; lower the minimum cells per label or check the label column.");
            }
            if (!small.isEmpty()) {
                warnings.add("left out " + small.size() + " label" + (small.size() == 1 ? "" : "s")
                        + " with fewer than " + minCells + " cells: " + String.join(", ", small));
            }
        }

        static double[][] pick(double[][] x, int[] rows) {
            double[][] out = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                out[i] = x[rows[i]];
            }
            return out;
        }

        static String[] pick(String[] x, int[] rows) {
            String[] out = new String[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = x[rows[i]];
            }
            return out;
        }
    }
}

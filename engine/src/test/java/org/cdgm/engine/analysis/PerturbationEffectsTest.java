package org.cdgm.engine.analysis;

import static org.cdgm.engine.analysis.EnergyDistanceTest.assertMessage;
import static org.cdgm.engine.analysis.EnergyDistanceTest.gaussian;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.cdgm.engine.analysis.PerturbationEffects.LabelEffect;
import org.cdgm.engine.analysis.PerturbationEffects.Settings;
import org.junit.jupiter.api.Test;

class PerturbationEffectsTest {
    private static final Settings FAST = new Settings(199, 500, 10, 1);

    /** Target cells by label: shared 3-D, salient 2-D; HIT moves in the salient space only. */
    private static final class Cells {
        final List<double[]> shared = new ArrayList<>();
        final List<double[]> salient = new ArrayList<>();
        final List<String> labels = new ArrayList<>();
        final List<String> strata = new ArrayList<>();

        Cells add(Random r, String label, int n, double salientShift, double sharedShift, String stratum,
                double replicateShift) {
            double[][] sh = gaussian(r, n, 3, sharedShift);
            double[][] sa = gaussian(r, n, 2, salientShift);
            for (int i = 0; i < n; i++) {
                sa[i][1] += replicateShift;
                shared.add(sh[i]);
                salient.add(sa[i]);
                labels.add(label);
                strata.add(stratum);
            }
            return this;
        }

        double[][] shared() {
            return shared.toArray(double[][]::new);
        }

        double[][] salient() {
            return salient.toArray(double[][]::new);
        }

        String[] labels() {
            return labels.toArray(String[]::new);
        }

        String[] strata() {
            return strata.toArray(String[]::new);
        }
    }

    @Test
    void aLabelWhoseReplicatesHoldNoBackgroundCellsGetsNoPValueAndAWarning() {
        Random r = new Random(12);
        Cells bg = new Cells().add(r, null, 40, 0, 0, "rep1", 0);
        Cells tg = new Cells().add(r, "HIT", 30, 2, 0, "rep2", 0).add(r, "MIXED", 30, 2, 0, "rep1", 0);
        PerturbationEffects.Result res = PerturbationEffects.compute(bg.shared(), bg.salient(), bg.strata(),
                tg.shared(), tg.salient(), tg.labels(), tg.strata(), FAST, null);
        LabelEffect hit = res.effects().stream().filter(e -> e.label().equals("HIT")).findFirst().orElseThrow();
        LabelEffect mixed = res.effects().stream().filter(e -> e.label().equals("MIXED")).findFirst().orElseThrow();
        assertTrue(Double.isNaN(hit.salientP()) && Double.isNaN(hit.salientPAdj()) && Double.isNaN(hit.sharedP()));
        assertTrue(mixed.salientP() < 0.05, "a testable label keeps its p-value: " + mixed);
        assertEquals(List.of("no p-value for HIT: no replicate holds both its cells and background cells, so labels "
                + "cannot be shuffled within replicates (the replicate column is confounded with the comparison)"),
                res.warnings());
        assertMessage("There are 4 background cells; a label is compared with the background cells, which need at "
                + "least the minimum cells per label (10) as well", () -> PerturbationEffects.compute(
                new double[4][3], new double[4][2], null, tg.shared(), tg.salient(), tg.labels(), null, FAST, null));
    }

    @Test
    void findsASalientOnlyEffectAndNotANullLabel() {
        Random r = new Random(10);
        Cells bg = new Cells().add(r, null, 300, 0, 0, "rep1", 0);
        Cells t = new Cells().add(r, "NULL", 60, 0, 0, "rep1", 0).add(r, "HIT", 60, 1.5, 0, "rep1", 0)
                .add(r, "WEAK", 60, 0.6, 0, "rep1", 0);
        List<Integer> done = new ArrayList<>();
        PerturbationEffects.Result res = PerturbationEffects.compute(bg.shared(), bg.salient(), null, t.shared(),
                t.salient(), t.labels(), null, FAST, done::add);
        List<LabelEffect> e = res.effects();
        assertEquals(List.of("HIT", "WEAK", "NULL"), e.stream().map(LabelEffect::label).toList());
        LabelEffect hit = e.get(0);
        LabelEffect nul = e.get(2);
        assertEquals(60, hit.cells());
        assertEquals(0.005, hit.salientP(), 1e-12); // 1/200: no permutation reaches it
        assertTrue(hit.salientPAdj() <= 3 * 0.005 + 1e-12, hit.toString()); // BH over 3 labels, rank 1
        assertTrue(hit.sharedPAdj() > 0.2, "shared space shows no effect: " + hit);
        assertTrue(nul.salientPAdj() > 0.2, "null label: " + nul);
        assertTrue(hit.salientDistance() > 5 * Math.abs(hit.sharedDistance()), hit.toString());
        assertEquals(List.of(1, 2, 3), done);
        assertEquals(List.of(), res.warnings());
    }

    @Test
    void stratifiedTestsDoNotCallAReplicateImbalanceAnEffect() {
        // replicate 2 sits elsewhere in the salient space; CONF has no effect but 90 % of its cells in replicate 1
        Random r = new Random(11);
        Cells bg = new Cells().add(r, null, 200, 0, 0, "rep1", 0).add(r, null, 200, 0, 0, "rep2", 2);
        Cells t = new Cells().add(r, "CONF", 54, 0, 0, "rep1", 0).add(r, "CONF", 6, 0, 0, "rep2", 2);
        PerturbationEffects.Result plain = PerturbationEffects.compute(bg.shared(), bg.salient(), null, t.shared(),
                t.salient(), t.labels(), null, FAST, null);
        PerturbationEffects.Result strat = PerturbationEffects.compute(bg.shared(), bg.salient(), bg.strata(),
                t.shared(), t.salient(), t.labels(), t.strata(), FAST, null);
        assertEquals(0.005, plain.effects().get(0).salientP(), 1e-12);
        // a single null draw: its p is uniform, so only "not at the floor" is safe to assert here; the calibration
        // of the stratified test is EnergyTestTest.stratifiedNullCalibrationWhenAGroupIsConfoundedWithAReplicate
        assertTrue(strat.effects().get(0).salientP() > 0.02, strat.effects().toString());
    }

    @Test
    void warnsOnceAboutSmallLabelsAndCountsUnlabelledCells() {
        Random r = new Random(12);
        Cells bg = new Cells().add(r, null, 100, 0, 0, "rep1", 0);
        Cells t = new Cells().add(r, "HIT", 30, 2, 0, "rep1", 0).add(r, "SPI1", 8, 0, 0, "rep1", 0)
                .add(r, "X", 1, 0, 0, "rep1", 0).add(r, "", 2, 0, 0, "rep1", 0).add(r, null, 1, 0, 0, "rep1", 0);
        PerturbationEffects.Result res = PerturbationEffects.compute(bg.shared(), bg.salient(), null, t.shared(),
                t.salient(), t.labels(), null, FAST, null);
        assertEquals(List.of("HIT"), res.effects().stream().map(LabelEffect::label).toList());
        assertEquals(List.of("skipped 3 target cells without a label",
                "left out 2 labels with fewer than 10 cells: SPI1 (8), X (1)"), res.warnings());
    }

    @Test
    void refusesBadInputsNamingWhatIsWrong() {
        Random r = new Random(13);
        Cells bg = new Cells().add(r, null, 50, 0, 0, "rep1", 0);
        Cells t = new Cells().add(r, "A", 20, 0, 0, "rep1", 0);
        double[][] bs = bg.shared();
        double[][] bl = bg.salient();
        double[][] ts = t.shared();
        double[][] tl = t.salient();
        String[] labels = t.labels();
        assertMessage("The target cells have 20 rows of coordinates but 19 labels", () -> PerturbationEffects
                .compute(bs, bl, null, ts, tl, java.util.Arrays.copyOf(labels, 19), null, FAST, null));
        assertMessage("The background cells have 50 rows of shared coordinates but 49 salient coordinates",
                () -> PerturbationEffects.compute(bs, java.util.Arrays.copyOf(bl, 49), null, ts, tl, labels, null,
                        FAST, null));
        assertMessage("Strata (replicates) are given for the background cells only", () -> PerturbationEffects
                .compute(bs, bl, bg.strata(), ts, tl, labels, null, FAST, null));
        assertMessage("The target cells have 20 rows of coordinates but 2 strata", () -> PerturbationEffects
                .compute(bs, bl, bg.strata(), ts, tl, labels, new String[] {"a", "b"}, FAST, null));
        assertMessage("the salient coordinates of the target cells (3 dimensions) with those of the background "
                + "cells (2 dimensions)", () -> PerturbationEffects.compute(bs, bl, null, ts, ts, labels, null, FAST,
                        null));
        assertMessage("No label has at least 30 target cells (A (20)); lower the minimum cells per label",
                () -> PerturbationEffects.compute(bs, bl, null, ts, tl, labels, null, new Settings(99, 500, 30, 0),
                        null));
        assertMessage("The number of permutations must be between 1 and 100000", () -> new Settings(0, 500, 10, 0));
        assertMessage("The maximum cells per test must be between 2 and 5000, got 1", () -> new Settings(9, 1, 10, 0));
        assertMessage("The minimum cells per label must be at least 2, got 1", () -> new Settings(9, 500, 1, 0));
        assertEquals(new Settings(1000, 500, 10, 0), Settings.defaults());
    }
}

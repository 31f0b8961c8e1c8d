package org.cdgm.cli.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.cdgm.cli.MainTest;
import org.cdgm.cli.PoissonCounts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cdgm effects}, {@code de} and {@code genes} on a small screen with a known answer: 80 control cells, 60
 * cells of knockout KO_A that raises genes G1-G3 fourfold, 60 of KO_B that changes nothing, and 1 cell of KO_C.
 * One model is fitted once and reused through --model, as a user would.
 */
class AnalysisCommandsTest {
    @TempDir
    static Path dir;
    static Path cells;
    static Path model;
    static MainTest.Result fitted;

    static final String[] READ = {"--condition-column", "condition", "--background", "ctrl"};

    @BeforeAll
    static void fitOnce() throws IOException {
        cells = screen(dir);
        Path out = dir.resolve("effects");
        fitted = MainTest.run(join(new String[] {"effects", cells.toString()}, READ, new String[] {"--label-column",
            "guide", "--shared-dim", "2", "--salient-dim", "2", "--epochs", "40", "--batch-size", "32",
            "--permutations", "199", "--min-cells", "5", "--out", out.toString()}));
        model = out.resolve("model.cdgm");
    }

    static Path screen(Path folder) throws IOException {
        SplittableRandom rng = new SplittableRandom(3);
        StringBuilder csv = new StringBuilder("cell,condition,guide,rep");
        for (int g = 1; g <= 12; g++) {
            csv.append(",G").append(g);
        }
        csv.append('\n');
        for (int i = 0; i < 201; i++) {
            String guide = i < 80 ? "non-targeting" : i < 140 ? "KO_A" : i < 200 ? "KO_B" : "KO_C";
            csv.append("c").append(i).append(',').append(i < 80 ? "ctrl" : "ko").append(',').append(guide)
                    .append(',').append("rep").append(i % 2 + 1);
            for (int g = 1; g <= 12; g++) {
                double mean = 4 * (guide.equals("KO_A") && g <= 3 ? 4 : 1);
                csv.append(',').append(PoissonCounts.draw(rng, mean));
            }
            csv.append('\n');
        }
        Path file = folder.resolve("screen.csv");
        Files.writeString(file, csv);
        return file;
    }


    static String[] join(String[]... parts) {
        List<String> all = new ArrayList<>();
        for (String[] p : parts) {
            all.addAll(Arrays.asList(p));
        }
        return all.toArray(new String[0]);
    }

    @Test
    void effectsRankTheRealKnockoutFirstWithItsGenes() throws IOException {
        assertEquals(0, fitted.status(), fitted.err());
        Path out = dir.resolve("effects");
        List<String> effects = Files.readAllLines(out.resolve("effects.csv"));
        assertEquals("label,cells,salient_distance,salient_p,salient_p_adj,shared_distance,shared_p,shared_p_adj,"
                + "salient_h,shared_h,significant,top_genes", effects.get(0));
        assertEquals(3, effects.size(), "KO_A and KO_B; KO_C (1 cell) is left out");
        String[] first = effects.get(1).split(",");
        String[] second = effects.get(2).split(",");
        assertEquals("KO_A", first[0]);
        assertEquals("60", first[1]);
        assertTrue(Double.parseDouble(first[2]) > Double.parseDouble(second[2]), "sorted by salient distance");
        assertTrue(Double.parseDouble(first[4]) < 0.05, "KO_A's salient effect is significant: " + effects.get(1));
        assertEquals("1", first[10]);
        assertTrue(Double.parseDouble(first[8]) > Double.parseDouble(first[9]), "KO_A is more salient than shared");
        assertTrue(Double.parseDouble(second[4]) > 0.05, "KO_B changes nothing: " + effects.get(2));
        // KO_A raised G1-G3: they are its top genes, up; KO_B changed nothing
        List<String> top = List.of(first[11].split(" ")).subList(0, 3);
        assertTrue(top.containsAll(List.of("G1+", "G2+", "G3+")), first[11]);
        assertEquals(11, second.length, "no gene called for KO_B (an empty last field): " + effects.get(2));
        assertTrue(fitted.err().contains("warning: left out 1 label with fewer than 5 cells: KO_C (1)"),
                fitted.err());
        assertTrue(fitted.out().startsWith("label "), fitted.out());

        List<String> genes = Files.readAllLines(out.resolve("genes.csv"));
        assertEquals("label,rank,gene,salient_lfc,lfc_sd,proba_up,proba_down,proba_de,bayes_factor,is_de,"
                + "cells_changed,expression,expression_background", genes.get(0));
        assertEquals(1 + 2 * 12, genes.size(), "every gene of each tested label");
        String[] g1 = genes.stream().filter(l -> l.startsWith("KO_A,1,")).findFirst().orElseThrow().split(",");
        assertTrue(Double.parseDouble(g1[3]) > 0.5, "a log2 fold change near 2 for a fourfold rise: " + g1[3]);
        assertTrue(Files.size(out.resolve("effects.png")) > 1000);
        assertTrue(Files.size(model) > 1000);
    }

    @Test
    void aSavedModelGivesTheSameTableWithoutFitting() throws IOException {
        Path out = dir.resolve("again");
        MainTest.Result r = MainTest.run(join(new String[] {"effects", cells.toString()}, READ, new String[] {
            "--label-column", "guide", "--model", model.toString(), "--permutations", "199", "--min-cells", "5",
            "--out", out.toString()}));
        assertEquals(0, r.status(), r.err());
        assertTrue(!r.err().contains("epoch 1:"), "no fit with --model");
        assertEquals(Files.readAllLines(dir.resolve("effects").resolve("effects.csv")),
                Files.readAllLines(out.resolve("effects.csv")));
        assertTrue(!Files.exists(out.resolve("model.cdgm")));
    }

    @Test
    void replicatesAsStrataAndTheBaselineWithoutAModel() throws IOException {
        Path out = dir.resolve("baseline");
        MainTest.Result r = MainTest.run(join(new String[] {"effects", cells.toString()}, READ, new String[] {
            "--label-column", "guide", "--model", model.toString(), "--permutations", "99", "--min-cells", "5",
            "--batch-column", "rep", "--baseline", "--out", out.toString()}));
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.readAllLines(out.resolve("effects.csv")).get(1).startsWith("KO_A,60,"));
        List<String> baseline = Files.readAllLines(out.resolve("effects-baseline.csv"));
        assertEquals("label,cells,distance,p,p_adj,h,significant", baseline.get(0));
        assertTrue(baseline.get(1).startsWith("KO_A,60,"), baseline.toString());
    }

    @Test
    void deComparesEachGroupWithItsBackgroundLikeSelf() throws IOException {
        Path out = dir.resolve("de");
        MainTest.Result r = MainTest.run(join(new String[] {"de", cells.toString()}, READ, new String[] {
            "--group-column", "guide", "--groups", "KO_A,KO_B", "--model", model.toString(), "--draws", "50",
            "--out", out.toString()}));
        assertEquals(0, r.status(), r.err());
        List<String> de = Files.readAllLines(out.resolve("de.csv"));
        assertEquals("group,rank,gene,cells,salient_lfc,lfc_sd,proba_up,proba_down,proba_de,bayes_factor,is_de,"
                + "cells_changed,expression,expression_background", de.get(0));
        assertEquals(1 + 2 * 12, de.size());
        assertTrue(de.get(1).startsWith("KO_A,1,G"), de.get(1));
        assertTrue(r.out().startsWith("KO_A (60 cells): "), r.out());

        MainTest.Result all = MainTest.run(join(new String[] {"de", cells.toString()}, READ, new String[] {
            "--model", model.toString(), "--draws", "20", "--out", dir.resolve("de-all").toString()}));
        assertEquals(0, all.status(), all.err());
        assertTrue(all.out().startsWith("target (121 cells): "), all.out());
    }

    @Test
    void genesWritesLoadingsPerDimensionAndExpressionOnRequest() throws IOException {
        Path out = dir.resolve("genes");
        MainTest.Result r = MainTest.run(join(new String[] {"genes", cells.toString()}, READ, new String[] {
            "--model", model.toString(), "--expression-genes", "G1,G7", "--out", out.toString()}));
        assertEquals(0, r.status(), r.err());
        List<String> loadings = Files.readAllLines(out.resolve("loadings.csv"));
        assertEquals("dimension,rank,gene,loading,loading_sd,dimension_sd", loadings.get(0));
        assertEquals(1 + 2 * 12, loadings.size());
        assertTrue(r.out().startsWith("salient_1: "), r.out());
        List<String> expression = Files.readAllLines(out.resolve("expression.csv"));
        assertEquals("cell,condition,G1,G1_background,G1_lfc,G7,G7_background,G7_lfc", expression.get(0));
        assertEquals(1 + 201, expression.size(), "every kept cell");
        assertTrue(expression.get(1).startsWith("c0,background,"));
    }

    @Test
    void aModelWithABatchCovariateDecodesEachCellInItsBatch() throws IOException {
        Path out = dir.resolve("batch");
        MainTest.Result r = MainTest.run(join(new String[] {"genes", cells.toString()}, READ, new String[] {
            "--batch-column", "rep", "--shared-dim", "2", "--salient-dim", "2", "--epochs", "3",
            "--expression-genes", "G1", "--out", out.toString()}));
        assertEquals(0, r.status(), r.err());
        assertEquals(1 + 201, Files.readAllLines(out.resolve("expression.csv")).size());
        MainTest.Result de = MainTest.run(join(new String[] {"de", cells.toString()}, READ, new String[] {
            "--model", out.resolve("model.cdgm").toString(), "--draws", "10", "--out", out.toString()}));
        assertEquals(0, de.status(), "the model's batch column is read from the data: " + de.err());
    }

    @Test
    void whatCannotWorkIsRefusedBeforeTheFitAndNothingIsWritten() throws IOException {
        Path out = dir.resolve("early");
        MainTest.Result gene = MainTest.run(join(new String[] {"genes", cells.toString()}, READ, new String[] {
            "--epochs", "3", "--expression-genes", "NOPE", "--out", out.toString()}));
        assertEquals(1, gene.status());
        assertTrue(gene.err().startsWith("error: --expression-genes: the model has no gene 'NOPE'"), gene.err());
        assertTrue(!gene.err().contains("epoch 1:") && !Files.exists(out.resolve("loadings.csv")), gene.err());
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        MainTest.Result notFolder = MainTest.run(join(new String[] {"effects", cells.toString()}, READ, new String[] {
            "--label-column", "guide", "--epochs", "3", "--out", file.toString()}));
        assertEquals("error: --out " + file + " is a file, not a folder\n", notFolder.err().replace("\r", ""));
        MainTest.Result blank = MainTest.run(join(new String[] {"de", cells.toString()}, READ, new String[] {
            "--out", ""}));
        assertEquals(2, blank.status());
        assertTrue(blank.err().startsWith("error: --out needs a folder name"), blank.err());
        MainTest.Result fitOption = MainTest.run(join(new String[] {"de", cells.toString()}, READ, new String[] {
            "--model", model.toString(), "--epochs", "500", "--out", out.toString()}));
        assertEquals(2, fitOption.status());
        assertTrue(fitOption.err().startsWith("error: --epochs has no effect with --model: the model is already "
                + "trained"), fitOption.err());
        MainTest.Result batch = MainTest.run(join(new String[] {"genes", cells.toString()}, READ, new String[] {
            "--model", model.toString(), "--batch-column", "rep", "--out", out.toString()}));
        assertEquals(2, batch.status());
        assertTrue(batch.err().startsWith("error: --batch-column rep has no effect with --model: the model was "
                + "trained without a batch column"), batch.err());
    }

    @Test
    void smallOrConfoundedGroupsAreNamed() throws IOException {
        Path out = dir.resolve("small");
        MainTest.Result one = MainTest.run(join(new String[] {"de", cells.toString()}, READ, new String[] {
            "--group-column", "guide", "--groups", "KO_C", "--model", model.toString(), "--out", out.toString()}));
        assertEquals(1, one.status());
        assertTrue(one.err().startsWith("error: Group 'KO_C' has 1 target cell, fewer than --min-cells 10"),
                one.err());
        MainTest.Result all = MainTest.run(join(new String[] {"de", cells.toString()}, READ, new String[] {
            "--group-column", "guide", "--model", model.toString(), "--draws", "10", "--out", out.toString()}));
        assertEquals(0, all.status(), all.err());
        assertTrue(all.err().contains("warning: left out 1 group with fewer than 10 cells (--min-cells): KO_C (1)"),
                all.err());
        // replicates = the guide itself: no relabelling within a replicate exists
        MainTest.Result confounded = MainTest.run(join(new String[] {"effects", cells.toString()}, READ,
                new String[] {"--label-column", "guide", "--model", model.toString(), "--batch-column", "guide",
                    "--min-cells", "5", "--permutations", "19", "--out", out.toString()}));
        assertEquals(0, confounded.status(), confounded.err());
        assertTrue(confounded.err().contains("warning: no p-value for KO_A, KO_B: no replicate holds both their "
                + "cells and background cells"), confounded.err());
        String koA = Files.readAllLines(out.resolve("effects.csv")).get(1);
        assertTrue(koA.startsWith("KO_A,60,") && koA.contains(",NaN,NaN,"), koA);
    }

    @Test
    void aBaselineOfValuesThatAreNotCountsIsRefused() throws IOException {
        StringBuilder csv = new StringBuilder("cell,condition,guide,G1,G2,G3\n");
        for (int i = 0; i < 40; i++) {
            csv.append("c").append(i).append(i < 20 ? ",ctrl,nt," : ",ko,KO,").append(0.5 * i - 3).append(",1.25,")
                    .append(i % 3 - 1.5).append('\n');
        }
        Path gaussian = Files.writeString(dir.resolve("gaussian.csv"), csv);
        MainTest.Result r = MainTest.run(join(new String[] {"effects", gaussian.toString()}, READ, new String[] {
            "--label-column", "guide", "--baseline", "--out", dir.resolve("g").toString()}));
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("error: --baseline log-normalises counts, and these values are not counts: "),
                r.err());
        StringBuilder fractions = new StringBuilder("cell,condition,guide");
        for (int g = 1; g <= 12; g++) {
            fractions.append(",G").append(g);
        }
        fractions.append('\n');
        for (int i = 0; i < 40; i++) {
            fractions.append("c").append(i).append(i < 20 ? ",ctrl,nt" : ",ko,KO");
            for (int g = 1; g <= 12; g++) {
                fractions.append(',').append(0.25 * ((i + g) % 7) + 0.5);
            }
            fractions.append('\n');
        }
        Path notCounts = Files.writeString(dir.resolve("fractions.csv"), fractions);
        MainTest.Result counts = MainTest.run(join(new String[] {"de", notCounts.toString()}, READ, new String[] {
            "--model", model.toString(), "--out", dir.resolve("g2").toString()}));
        assertEquals(1, counts.status(), counts.err());
        assertTrue(counts.err().startsWith("error: ") && counts.err().contains("0.75"),
                "the negative binomial model names a value that is not a count: " + counts.err());
    }

    @Test
    void badInputIsNamed() throws IOException {
        Path out = dir.resolve("bad");
        MainTest.Result noColumn = MainTest.run(join(new String[] {"effects", cells.toString()}, READ,
                new String[] {"--label-column", "sgRNA", "--out", out.toString()}));
        assertEquals(1, noColumn.status());
        assertEquals("error: --label-column: No cell metadata column 'sgRNA'; available: condition, guide, rep\n",
                noColumn.err().replace("\r", ""));
        assertTrue(!Files.exists(out.resolve("model.cdgm")), "refused before the fit");
        MainTest.Result permutations = MainTest.run(join(new String[] {"effects", cells.toString()}, READ,
                new String[] {"--label-column", "guide", "--permutations", "0", "--out", out.toString()}));
        assertEquals(2, permutations.status());
        assertTrue(permutations.err().startsWith("error: "), permutations.err());
        assertTrue(permutations.err().contains("permutations"), permutations.err());
        MainTest.Result fewCells = MainTest.run(join(new String[] {"effects", cells.toString()}, READ,
                new String[] {"--label-column", "guide", "--model", model.toString(), "--min-cells", "61",
                    "--out", out.toString()}));
        assertEquals(1, fewCells.status());
        assertTrue(fewCells.err().contains("error: ") && fewCells.err().contains("61"), fewCells.err());
        MainTest.Result groups = MainTest.run(join(new String[] {"de", cells.toString()}, READ,
                new String[] {"--groups", "KO_A", "--out", out.toString()}));
        assertEquals(2, groups.status());
        assertTrue(groups.err().startsWith("error: --groups needs --group-column"), groups.err());
        MainTest.Result unknownGroup = MainTest.run(join(new String[] {"de", cells.toString()}, READ,
                new String[] {"--group-column", "guide", "--groups", "KO_Z", "--model", model.toString(), "--out",
                    out.toString()}));
        assertEquals(1, unknownGroup.status());
        assertEquals("error: No target cell has 'KO_Z' in column 'guide'; its values among the target cells: KO_A, "
                + "KO_B, KO_C\n", unknownGroup.err().replace("\r", ""));
        MainTest.Result unknownGene = MainTest.run(join(new String[] {"genes", cells.toString()}, READ,
                new String[] {"--expression-genes", "PSMB9", "--model", model.toString(), "--out", out.toString()}));
        assertEquals(1, unknownGene.status());
        assertTrue(unknownGene.err().contains("error: --expression-genes: the model has no gene 'PSMB9'"),
                unknownGene.err());
        MainTest.Result wrongModel = MainTest.run(join(new String[] {"genes", cells.toString()}, READ,
                new String[] {"--model", model.toString(), "--top-genes", "5", "--out", out.toString()}));
        assertEquals(1, wrongModel.status());
        assertTrue(wrongModel.err().contains("of the 12 genes of the model model.cdgm are not among the 5 genes kept"),
                wrongModel.err());
    }
}

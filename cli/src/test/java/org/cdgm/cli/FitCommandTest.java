package org.cdgm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.cdgm.engine.training.TrainingMode;
import org.cdgm.engine.training.TrainingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class FitCommandTest {
    @TempDir
    Path dir;

    /**
     * 60 background and 60 target cells x 12 genes of Poisson counts, target cells with more of genes 1-3; a
     * condition column; one cell labelled 'other' (left out by --target target).
     */
    private Path counts() throws IOException {
        SplittableRandom rng = new SplittableRandom(5);
        StringBuilder csv = new StringBuilder("cell,condition");
        for (int g = 1; g <= 12; g++) {
            csv.append(",G").append(g);
        }
        csv.append('\n');
        for (int i = 0; i < 121; i++) {
            String condition = i == 120 ? "other" : i < 60 ? "ctrl" : "target";
            csv.append("c").append(i).append(',').append(condition);
            for (int g = 1; g <= 12; g++) {
                double mean = 3 + (condition.equals("target") && g <= 3 ? 4 : 0);
                csv.append(',').append(PoissonCounts.draw(rng, mean));
            }
            csv.append('\n');
        }
        Path file = dir.resolve("cells.csv");
        Files.writeString(file, csv);
        return file;
    }


    @Test
    void writesEmbeddingHistoryModelAndSummary() throws IOException {
        Path out = dir.resolve("fit");
        MainTest.Result r = MainTest.run("fit", counts().toString(), "--condition-column", "condition", "--background",
                "ctrl", "--target", "target", "--shared-dim", "2", "--salient-dim", "2", "--epochs", "3",
                "--batch-size", "64", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.out(), "results go to files, progress to stderr");
        assertTrue(r.err().contains("chose negative binomial"), r.err());
        assertTrue(r.err().contains("epoch 3: target loss"), r.err());

        List<String> embedding = Files.readAllLines(out.resolve("embedding.csv"));
        assertEquals("cell,condition,shared_1,shared_2,salient_1,salient_2", embedding.get(0));
        assertEquals(1 + 120, embedding.size(), "every kept cell; the 'other' cell is left out");
        assertTrue(embedding.get(1).startsWith("c0,background,"), embedding.get(1));
        assertTrue(embedding.get(61).startsWith("c60,target,"), embedding.get(61));
        assertEquals(4, Files.readAllLines(out.resolve("history.csv")).size(), "header and three epochs");
        assertTrue(Files.size(out.resolve("model.cdgm")) > 1000);

        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("co", s.get("mode").asText());
        assertEquals("nb", s.get("likelihood").asText());
        assertTrue(s.get("best_epoch").asInt() >= 1 && s.get("best_epoch").asInt() <= 3);
        assertTrue(s.get("constraint_satisfied").isBoolean());
        assertTrue(s.get("final_lambda").isNumber());
        assertEquals(60, s.get("background_cells").asInt());
        assertEquals(60, s.get("target_cells").asInt());
        assertEquals(1, s.get("cells_dropped").asInt());
        // epsilon is automatic by default: the value used is reported, with the engine's stabilisation defaults
        assertTrue(s.get("epsilon_auto").asBoolean(), s.toString());
        assertTrue(s.get("epsilon").asDouble() > 0, s.toString());
        assertTrue(s.get("constraint").asText().matches("(met|not met): regulariser .*"), s.toString());
        JsonNode used = s.get("training");
        assertEquals("auto", used.get("epsilon").asText());
        assertEquals(1, used.get("threads").asInt(), "auto resolved: 1 thread for a batch this small");
        assertTrue(s.get("out_of_core").isNull(), s.toString());
        assertEquals(TrainingSettings.defaults(TrainingMode.CONSTRAINED).warmupEpochs(),
                used.get("warmup_epochs").asInt());
        assertEquals(0, used.get("kl_warmup_epochs").asInt());
        assertEquals(5.0, used.get("gradient_clip").asDouble());
        assertEquals(54, used.get("batch_size").asInt(), "the batch used: 64 asked for, lowered to the 54 training "
                + "cells of each condition (the notes say so)");
        // 54 training cells per condition after the 10 % validation split: the batch of 64 is lowered
        assertEquals("Batch size lowered from 64 to 54: the background has 54 training cells (after holding out 10% "
                + "for validation), so each step uses all of them.", s.get("notes").get(0).asText());

        // the same seed gives the same coordinates
        Path again = dir.resolve("again");
        MainTest.run("fit", counts().toString(), "--condition-column", "condition", "--background", "ctrl",
                "--target", "target", "--shared-dim", "2", "--salient-dim", "2", "--epochs", "3", "--batch-size", "64",
                "--out", again.toString());
        assertEquals(embedding, Files.readAllLines(again.resolve("embedding.csv")));
    }

    @Test
    void aConstraintThatWasNotMetIsAWarningOnStderrAndInTheSummary() throws IOException {
        Path out = dir.resolve("strict");
        MainTest.Result r = MainTest.run("fit", counts().toString(), "--condition-column", "condition", "--background",
                "ctrl", "--target", "target", "--shared-dim", "2", "--salient-dim", "2", "--epochs", "2",
                "--epsilon", "0.000001", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("warning: The constraint was not met: regulariser "), r.err());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertFalse(s.get("constraint_satisfied").asBoolean());
        JsonNode warnings = s.get("warnings"); // after the data's own (a cell left out)
        String last = warnings.get(warnings.size() - 1).asText();
        assertTrue(last.startsWith("The constraint was not met") && last.contains("raise --epsilon above 1.00e-06"),
                s.toString());
    }

    @Test
    void severalSeedsGiveTheirAgreementAndTheFitWithTheLowestHeldOutLoss() throws IOException {
        Path out = dir.resolve("seeds");
        MainTest.Result r = MainTest.run("fit", counts().toString(), "--condition-column", "condition", "--background",
                "ctrl", "--target", "target", "--shared-dim", "2", "--salient-dim", "2", "--epochs", "2", "--seed", "7",
                "--seeds", "2", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        JsonNode seeds = s.get("seeds");
        assertEquals(2, seeds.size());
        assertTrue(seeds.get(0).get("constraint_satisfied").isBoolean(), "each seed's constraint is reported");
        // --seed 7 --seeds 2 fits seeds 7 and 8, as the Learner's restarts do
        assertEquals(List.of(7, 8), List.of(seeds.get(0).get("seed").asInt(), seeds.get(1).get("seed").asInt()));
        int chosen = seeds.get(0).get("held_out_loss").asDouble() <= seeds.get(1).get("held_out_loss").asDouble()
                ? 7 : 8;
        assertEquals(chosen, s.get("chosen_seed").asInt());
        assertEquals(chosen, s.get("seed").asInt());
        for (String k : List.of("shared_stability", "salient_stability", "shared_stability_r2", "salient_stability_r2",
                "shared_stability_svcca", "salient_stability_svcca", "shared_effective_dim", "salient_effective_dim")) {
            assertTrue(s.get(k).isNumber() && Double.isFinite(s.get(k).asDouble()), k + ": " + s);
        }
        assertTrue(s.get("shared_stability").asDouble() <= 1.0);
        assertTrue(s.get("salient_stability_svcca").asDouble() <= 1.0 && s.get("salient_effective_dim").asDouble() >= 1
                && s.get("salient_effective_dim").asDouble() <= 2, s.toString());
        assertTrue(r.err().contains("agreement between seeds: shared MCC "), r.err());
        List<String> chosenRows = Files.readAllLines(out.resolve("seeds/seed-" + chosen + "/embedding.csv"));
        assertEquals(chosenRows, Files.readAllLines(out.resolve("embedding.csv")), "the top-level fit is the chosen one");
        assertEquals(121, Files.readAllLines(out.resolve("seeds/seed-" + (15 - chosen) + "/embedding.csv")).size());
    }

    @Test
    void epsilonWarmUpAndClippingOptionsAreUsed() throws IOException {
        Path out = dir.resolve("options");
        MainTest.Result r = MainTest.run("fit", counts().toString(), "--condition-column", "condition", "--background",
                "ctrl", "--target", "target", "--shared-dim", "2", "--salient-dim", "2", "--epochs", "2",
                "--epsilon", "0.2", "--warmup-epochs", "0", "--kl-warmup-epochs", "3", "--gradient-clip", "0",
                "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(0.2, s.get("epsilon").asDouble());
        assertFalse(s.get("epsilon_auto").asBoolean());
        JsonNode used = s.get("training");
        assertEquals(0.2, used.get("epsilon").asDouble());
        assertEquals(0, used.get("warmup_epochs").asInt());
        assertEquals(3, used.get("kl_warmup_epochs").asInt());
        assertEquals(0.0, used.get("gradient_clip").asDouble());

        Path auto = dir.resolve("auto");
        MainTest.run("fit", counts().toString(), "--condition-column", "condition", "--background", "ctrl",
                "--target", "target", "--shared-dim", "2", "--salient-dim", "2", "--epochs", "1", "--epsilon", "AUTO",
                "--gradient-clip", "2.5", "--out", auto.toString());
        JsonNode a = new ObjectMapper().readTree(auto.resolve("summary.json").toFile());
        assertTrue(a.get("epsilon_auto").asBoolean(), a.toString());
        assertEquals(2.5, a.get("training").get("gradient_clip").asDouble());
        assertEquals(TrainingSettings.defaults(TrainingMode.CONSTRAINED).warmupEpochs(),
                a.get("training").get("warmup_epochs").asInt(), "the default where not given");
    }

    @Test
    void badEpsilonWarmUpAndClippingNameTheOption() throws IOException {
        String input = counts().toString();
        String out = dir.resolve("z").toString();
        String[] base = {"fit", input, "--condition-column", "condition", "--background", "ctrl", "--out", out};
        assertTrue(MainTest.run(concat(base, "--epsilon", "strict")).failure(2)
                .contains("'strict' is not an epsilon: use auto or a number >= 0"));
        assertEquals("error: --epsilon must be a finite number >= 0, got -0.1 (see 'cdgm fit --help')",
                MainTest.run(concat(base, "--epsilon", "-0.1")).failure(2));
        assertEquals("error: --warmup-epochs must be at least 0, got -1 (see 'cdgm fit --help')",
                MainTest.run(concat(base, "--warmup-epochs", "-1")).failure(2));
        assertEquals("error: --kl-warmup-epochs must be at least 0, got -2 (see 'cdgm fit --help')",
                MainTest.run(concat(base, "--kl-warmup-epochs", "-2")).failure(2));
        assertEquals("error: --gradient-clip must be 0 (off) or a finite factor >= 1, got 0.5 (see 'cdgm fit "
                + "--help')", MainTest.run(concat(base, "--gradient-clip", "0.5")).failure(2));
        assertTrue(MainTest.run(concat(base, "--warmup-epochs", "two")).failure(2).contains("--warmup-epochs"));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void unconstrainedModesReportNoConstraint() throws IOException {
        Path out = dir.resolve("mo");
        MainTest.Result r = MainTest.run("fit", counts().toString(), "--condition-column", "condition", "--background",
                "ctrl", "--target", "target", "--mode", "mo", "--likelihood", "gaussian", "--shared-dim", "2",
                "--salient-dim", "2", "--epochs", "2", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("mo", s.get("mode").asText());
        assertEquals("gaussian", s.get("likelihood").asText());
        assertTrue(s.get("constraint_satisfied").isNull());
        assertTrue(s.get("final_lambda").isNull());
        assertTrue(s.get("epsilon").isNull());
        assertTrue(s.get("epsilon_auto").isNull());
        assertEquals(1.0, s.get("training").get("penalty_weight").asDouble());
    }

    @Test
    void wrongUsageNamesTheOption() throws IOException {
        String input = counts().toString();
        String out = dir.resolve("x").toString();
        assertEquals("error: fit needs --condition-column and --background: which cells are the control "
                + "(background) and which the perturbed (target) (see 'cdgm fit --help')", MainTest.run("fit", input, "--out",
                out).failure(2));
        assertTrue(MainTest.run("fit", input, "--condition-column", "condition", "--background", "ctrl")
                .failure(2).contains("--out"));
        assertTrue(MainTest.run("fit", input, "--condition-column", "condition", "--background", "ctrl", "--out", out,
                "--likelihood", "zinb").failure(2).contains("'zinb' is not a likelihood: use auto, gaussian, poisson or "
                + "nb"));
        assertEquals("error: --epsilon applies to the constrained modes (co, mo+co); --mode classic weighs the "
                + "regulariser with a fixed penalty instead (see 'cdgm fit --help')", MainTest.run("fit", input,
                "--condition-column", "condition", "--background", "ctrl", "--out", out, "--mode", "classic",
                "--epsilon", "0.3").failure(2));
        assertTrue(MainTest.run("fit", input, "--condition-column", "condition", "--background", "ctrl", "--out", out,
                "--mode", "joint").failure(2).contains("'joint' is not a training mode: use classic, mo, co or mo+co"));
        assertTrue(MainTest.run("fit", input, "--condition-column", "condition", "--background", "ctrl", "--out", out,
                "--seeds", "1").failure(2).contains("--seeds must be at least 2"));
        String epochs = MainTest.run("fit", input, "--condition-column", "condition", "--background", "ctrl", "--out",
                out, "--epochs", "0").failure(2);
        assertTrue(epochs.toLowerCase(Locale.ROOT).contains("--epochs"), epochs);
    }

    @Test
    void dataThatCannotBeFittedIsADataError() throws IOException {
        // 'ctrl' cells only: no target cell
        String line = MainTest.run("fit", counts().toString(), "--condition-column", "condition", "--background",
                "ctrl", "--target", "nothing-like-this", "--out", dir.resolve("y").toString()).failure(1);
        assertTrue(line.contains("nothing-like-this"), line);
    }

    @Test
    void aFailedFitLeavesNoEmptyOutputFolderButKeepsAFolderThatWasThere() throws IOException {
        Path cells = counts();
        String csv = Files.readString(cells).replaceFirst("(c3,ctrl,[0-9]+),[0-9]+", "$1,-2");
        Files.writeString(cells, csv);
        Path out = dir.resolve("new").resolve("fit");
        MainTest.Result r = MainTest.run("fit", cells.toString(), "--id-column", "cell", "--condition-column",
                "condition", "--background", "ctrl", "--likelihood", "nb", "--epochs", "1", "--out", out.toString());
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().contains("error: Background cell 'c3' (the 4th background cell), gene 'G2': negative count"), r.err());
        assertFalse(Files.exists(dir.resolve("new")), "the folders the command created are gone");

        Path kept = Files.createDirectories(dir.resolve("kept"));
        assertEquals(1, MainTest.run("fit", cells.toString(), "--id-column", "cell", "--condition-column",
                "condition", "--background", "ctrl", "--likelihood", "nb", "--epochs", "1", "--out", kept.toString())
                .status());
        assertTrue(Files.isDirectory(kept), "a folder that existed before stays");
    }
}

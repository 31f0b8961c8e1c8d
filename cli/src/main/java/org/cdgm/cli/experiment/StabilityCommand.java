package org.cdgm.cli.experiment;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.LongStream;

import org.cdgm.cli.FitCommand;
import org.cdgm.cli.TrainingOptions;
import org.cdgm.engine.runtime.Nd4jRuntime;
import org.cdgm.engine.training.EpochReport;
import org.cdgm.engine.training.TrainingMode;
import org.cdgm.engine.training.TrainingMonitor;
import org.cdgm.engine.training.TrainingResult;
import org.cdgm.engine.training.TrainingSettings;
import org.cdgm.engine.tuning.SeedRestarts;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code cdgm experiment stability}: how reproducible fits are across training seeds. For each data set and
 * training mode, fits the same model with seeds 1..N through the engine's {@link SeedRestarts} (which also
 * measures the seeds' pairwise agreement and chooses the fit with the lowest held-out loss), scores every fit, and
 * writes fits.csv, stability.csv and stability.md (also printed on stdout). See docs/seed-stability.md.
 */
@Command(name = "stability",
        header = "Fit each model with several training seeds and measure how much the fits agree.",
        description = {"Fits the same model with training seeds 1..N on the misspecified simulation (known latents: "
                + "the fits are also scored against them) and on the Papalexi CRISPR screen, whole or a fixed small "
                + "subset (scored by how far the IFN-gamma pathway knockouts stand apart and how well each cell's "
                + "knockout is predicted), for each "
                + "training mode, and reports how well the seeds agree (mean pairwise MCC of their coordinates: 1 = "
                + "every seed found the same axes; and SVCCA, the same space) next to every score's mean and standard deviation over the "
                + "seeds. Training uses the Learner's defaults for the mode (as cdgm fit), changed by the "
                + "training options below (the same as cdgm fit's), so that a sweep of training settings is a list "
                + "of commands. See docs/seed-stability.md."},
        sortOptions = false,
        sortSynopsis = false,
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nOutput (in --out, rewritten after each data set and mode):%n",
        footer = {"fits.csv      one row per fit: dataset, mode, seed, chosen (1 = lowest held-out loss), best_epoch, "
                + "epochs_run, held_out_loss, final_lambda (constrained modes), then the scores (empty where a score "
                + "does not apply to the data set)",
                "stability.csv one row per data set and mode: mean pairwise shared_mcc, salient_mcc, shared_r2, "
                        + "salient_r2 between the seeds' coordinates, chosen_seed, seeds, wall_seconds",
                "stability.md  the same as markdown tables (mean ± sd over seeds, the chosen seed's value in "
                        + "brackets), also printed on stdout",
                "",
                "Progress goes to stderr. Exit status: 0 success, 1 the data could not be read or fitted, 2 wrong "
                        + "usage; errors are one 'error: ...' line on stderr.",
                "",
                "Example:",
                "  cdgm experiment stability --dataset all --seeds 5 --mode co --mode mo \\",
                "      --out stability1"})
public final class StabilityCommand extends ScreenExperiment {
    /** Epochs of a --quick run (unless --epochs is given). */
    static final int QUICK_EPOCHS = 3;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--dataset", paramLabel = "NAME", split = ",", converter = DatasetConverter.class,
            description = "simulation (the misspecified simulation of docs/identifiability.md), papalexi (the CRISPR "
                    + "screen in the shared data folder), papalexi-small (a fixed subset of the screen: "
                    + PapalexiData.SMALL_BACKGROUND + " background and 2 x " + PapalexiData.SMALL_PER_GROUP
                    + " knockout cells) or all (the default: simulation and papalexi); repeat the option (or "
                    + "separate names by commas) for several.")
    List<String> datasetNames = new ArrayList<>();

    @Option(names = "--seeds", paramLabel = "N", description = "Training seeds 1..N per data set and mode (default 5, "
            + "at least 2).")
    int seeds = 5;

    @Option(names = "--mode", paramLabel = "MODE", split = ",", converter = FitCommand.ModeConverter.class,
            description = "Training mode: classic, mo, co (the default) or mo+co; repeat the option (or separate "
                    + "modes by commas) for several.")
    List<TrainingMode> modes = new ArrayList<>();

    @Option(names = "--epochs", paramLabel = "N",
            description = "Maximum epochs of every fit (default: the mode's default, 150, with early stopping; "
                    + QUICK_EPOCHS + " with --quick).")
    Integer epochs;

    @Option(names = "--quick",
            description = "A small, fast run that exercises everything (for tests): " + QUICK_EPOCHS + " epochs, "
                    + "150 + 150 simulated cells of 20 genes, every " + PapalexiData.QUICK_STRIDE + "th cell of the "
                    + "screen and its " + PapalexiData.QUICK_GENES + " most variable genes (papalexi-small: the same "
                    + "cells and genes as without --quick).")
    boolean quick;

    @Mixin
    TrainingOptions trainingOptions;

    @Override
    public Integer call() throws Exception {
        if (seeds < 2) {
            throw usageError("--seeds must be at least 2 (stability compares pairs of seeds), got " + seeds);
        }
        long[] seedList = LongStream.rangeClosed(1, seeds).toArray();
        Map<TrainingMode, TrainingSettings> training = training();
        List<String> datasets = datasets();
        if (datasets.stream().anyMatch(n -> n.startsWith("papalexi"))) {
            PapalexiData.folder(data); // a missing screen fails now, not after the simulation's fits
        }
        Files.createDirectories(out);
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        Nd4jRuntime.initialise(null);
        StabilityReport report = new StabilityReport(seeds, describe(training.values().iterator().next(),
                trainingOptions.any()),
                "cdgm " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        for (String name : datasets) {
            long d0 = System.nanoTime();
            err.println(name + ": " + (name.equals("simulation") ? "simulating" : "reading") + " the cells...");
            ExperimentData d = switch (name) {
                case "simulation" -> SimulationData.create(quick);
                case "papalexi" -> PapalexiData.create(data, quick, spec);
                default -> PapalexiData.createSmall(data, spec);
            };
            err.printf(Locale.ROOT, "%s: %,d background + %,d target cells x %d genes in %.1f s; %s%n", name,
                    d.dataset().background().cells(), d.dataset().target().cells(), d.dataset().geneCount(),
                    seconds(d0), d.likelihoodReason());
            report.describe(d.name(), d.description());
            for (var e : training.entrySet()) {
                String mode = FitCommand.ModeConverter.word(e.getKey());
                long m0 = System.nanoTime();
                SeedRestarts.Outcome outcome = SeedRestarts.run(d.config(), e.getValue(), d.dataset(), seedList,
                        progress(err, name + " " + mode, seeds));
                List<StabilityReport.Fit> fits = new ArrayList<>();
                for (int k = 0; k < outcome.fits().size(); k++) {
                    SeedRestarts.Fit f = outcome.fits().get(k);
                    long s0 = System.nanoTime();
                    Map<String, Double> scores = d.score(f.seed(), f.result());
                    double scoring = seconds(s0);
                    fits.add(new StabilityReport.Fit(f.seed(), k == outcome.chosen(), f.result().bestEpoch(),
                            f.result().history().size(), f.heldOutLoss(),
                            e.getKey().isConstrained() ? f.result().finalLambda() : Double.NaN, scores));
                    err.printf(Locale.ROOT, "%s %s seed %d: %d epochs (best %d) in %.0f s, held-out loss %.4g, %s "
                            + "(scored in %.0f s)%n", name, mode, f.seed(), f.result().history().size(),
                            f.result().bestEpoch(), fitSeconds(f.result()), f.heldOutLoss(),
                            StabilityReport.inline(scores), scoring);
                }
                report.add(new StabilityReport.Row(name, mode, outcome.sharedMcc(), outcome.salientMcc(),
                        outcome.sharedR2(), outcome.salientR2(), outcome.sharedSvcca(), outcome.salientSvcca(),
                        outcome.sharedDimension(), outcome.salientDimension(), outcome.best().seed(), fits,
                        seconds(m0)));
                err.printf(Locale.ROOT, "%s %s: stability shared MCC %.3f (SVCCA %.3f), salient MCC %.3f (SVCCA "
                        + "%.3f); chosen seed %d; %.0f s%n", name, mode, outcome.sharedMcc(), outcome.sharedSvcca(),
                        outcome.salientMcc(), outcome.salientSvcca(), outcome.best().seed(), seconds(m0));
                report.write(out, seconds(start));
            }
        }
        String markdown = report.write(out, seconds(start));
        spec.commandLine().getOut().print(markdown);
        spec.commandLine().getOut().flush();
        err.println("wrote " + out.resolve("fits.csv") + ", stability.csv, stability.md");
        return 0;
    }

    /** The data sets in the order given, without repeats, "all" expanded; all when none is given. */
    List<String> datasets() {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String n : datasetNames.isEmpty() ? List.of("all") : datasetNames) {
            out.addAll(n.equals("all") ? List.of("simulation", "papalexi") : List.of(n));
        }
        return List.copyOf(out);
    }

    /**
     * Per mode (in the order given, without repeats) the Learner's defaults, changed by the training options and
     * --epochs (or --quick's epochs).
     */
    Map<TrainingMode, TrainingSettings> training() {
        List<TrainingMode> chosen = modes.isEmpty() ? List.of(TrainingMode.CONSTRAINED)
                : List.copyOf(new LinkedHashSet<>(modes));
        Integer e = epochs != null ? epochs : quick ? Integer.valueOf(QUICK_EPOCHS) : null;
        Map<TrainingMode, TrainingSettings> out = new LinkedHashMap<>();
        for (TrainingMode m : chosen) {
            TrainingSettings t = trainingOptions.applyTo(TrainingSettings.defaults(m), spec);
            if (e != null) {
                try {
                    t = t.withEpochs(e);
                } catch (IllegalArgumentException ex) {
                    throw usageError(TrainingOptions.optionNames(ex.getMessage()));
                }
            }
            out.put(m, t);
        }
        return out;
    }

    /**
     * The training that all modes share, in words, for the markdown: the values used, so that a row of a sweep
     * says what it was trained with.
     *
     * @param changed whether training options changed the Learner's defaults
     */
    static String describe(TrainingSettings t, boolean changed) {
        String stopping = t.validationFraction() > 0 && t.patience() > 0
                ? String.format(Locale.ROOT, ", stopping early after %d epochs without improvement on the %.0f%% of "
                        + "cells held out", t.patience(), 100 * t.validationFraction())
                : "";
        String klWarmup = t.klWarmupEpochs() > 0 ? "over " + epochs(t.klWarmupEpochs()) : "none";
        String clip = t.gradientClip() > 0 ? "at " + t.gradientClip() + " times the recent typical size" : "off";
        return String.format(Locale.ROOT, "the Learner's defaults for each mode (as cdgm fit)%s: at most %d epochs%s, "
                + "batches of %d cells, Adam learning rate %s with learning-rate warm-up %s, KL warm-up %s, gradient "
                + "clipping %s; constrained modes: regulariser <= epsilon %s",
                changed ? " with the training options above" : "", t.epochs(), stopping, t.batchSize(),
                t.learningRate(), epochs(t.warmupEpochs()), klWarmup, clip,
                t.autoEpsilon() ? "auto (from the data's noise floor)" : Double.toString(t.epsilon()));
    }

    /** "1 epoch", "3 epochs", "none" for 0. */
    static String epochs(int n) {
        return n == 0 ? "none" : n == 1 ? "1 epoch" : n + " epochs";
    }

    /** Epoch 1 and every 25th epoch of each seed, on stderr. */
    private static TrainingMonitor progress(PrintWriter err, String what, int n) {
        return new TrainingMonitor() {
            private int seed;

            @Override
            public void onEpoch(EpochReport e) {
                if (e.epoch() == 1) {
                    seed++;
                }
                if (e.epoch() == 1 || e.epoch() % 25 == 0) {
                    err.printf(Locale.ROOT, "%s seed %d/%d: epoch %d, target loss %.4g, background loss %.4g%n", what,
                            seed, n, e.epoch(), e.trainTargetLoss(), e.trainBackgroundLoss());
                }
            }
        };
    }

    /** The training time of a fit: its epochs' seconds. */
    private static double fitSeconds(TrainingResult r) {
        return r.history().stream().mapToDouble(EpochReport::seconds).sum();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private ParameterException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** simulation, papalexi, papalexi-small, or all (simulation and papalexi). */
    static final class DatasetConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            switch (v) {
                case "simulation":
                case "papalexi":
                case "papalexi-small":
                case "all":
                    return v;
                default:
                    throw new TypeConversionException("'" + value + "' is not a data set: use simulation, papalexi, "
                            + "papalexi-small or all");
            }
        }
    }
}

package org.cdgm.cli.jobs;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.simulation.SimulatedData;
import org.cdgm.engine.simulation.SimulationSettings;
import org.cdgm.engine.simulation.Simulator;

/**
 * The main job on embedded defaults: simulate a comparative data set with known latents, fit the contrastive VAE
 * in classic, MO and CO modes, and print and write the identifiability scores (CSV) with an HTML report.
 * {@code --experiment} runs the multi-seed comparison (well-specified and misspecified latent sizes) behind the
 * figures in docs/.
 */
public final class DemoJob {
    private DemoJob() {
    }

    /** Command-line options, validated once. */
    record Options(Path out, int epochs, int parallel, boolean experiment, int dataSeeds, int misspecifiedDim) {
        static Options parse(String[] args) {
            Path out = Path.of("demo-output");
            int epochs = 150;
            int parallel = Math.min(2, Runtime.getRuntime().availableProcessors());
            boolean experiment = false;
            int dataSeeds = 3;
            int mis = 4;
            CommandLine cl = new CommandLine(args, usage());
            while (cl.hasNext()) {
                String a = cl.nextOption();
                switch (a) {
                    case "--out" -> out = Path.of(cl.value(a));
                    case "--epochs" -> epochs = cl.positiveInt(a);
                    case "--parallel" -> parallel = cl.positiveInt(a);
                    case "--experiment" -> experiment = true;
                    case "--data-seeds" -> dataSeeds = cl.positiveInt(a);
                    case "--misspecified-dim" -> mis = cl.positiveInt(a);
                    case "help", "--help", "-h" -> throw new IllegalArgumentException(usage());
                    default -> throw cl.unknown(a);
                }
            }
            return new Options(out, epochs, parallel, experiment, dataSeeds, mis);
        }

        static String usage() {
            return "usage: DemoJob [--out DIR] [--epochs N] [--parallel N]\n"
                    + "               [--experiment [--data-seeds N] [--misspecified-dim K]]";
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = CommandLine.parseOrExit(args, Options::parse);
        SimulationSettings sim = SimulationSettings.defaults();
        if (o.experiment()) {
            System.out.println("Seed experiment: " + o.dataSeeds() + " data seeds x 2 training seeds, " + sim);
            SeedExperiment.run(sim, o.dataSeeds(), o.misspecifiedDim(), o.epochs(), o.parallel(), o.out(),
                    System.out::println);
            System.out.println("Wrote " + o.out().resolve("experiment_summary.csv") + " and experiment_raw.csv");
            return;
        }
        long t0 = System.nanoTime();
        SimulatedData data = Simulator.simulate(sim);
        System.out.println("Simulated " + sim);
        ModelConfig model = ModelConfig.defaults(sim.genes(), sim.noise());
        System.out.println("Model " + model);
        List<FitSpec> specs = StandardFits.specs(model, o.epochs(), 42, false);
        System.out.println("Fitting " + specs.size() + " models (" + o.parallel() + " at a time):");
        List<FitOutcome> fits = SimulationFits.run(data, specs, o.parallel(), System.out::println);
        System.out.println();
        printTable(fits);
        DemoReport.write(o.out(), data, fits);
        System.out.printf(Locale.ROOT, "%nWrote %s, %s and %s in %.0f s%n", o.out().resolve("scores.csv"),
                o.out().resolve("history.csv"), o.out().resolve("report.html"), (System.nanoTime() - t0) / 1e9);
    }

    private static void printTable(List<FitOutcome> fits) {
        List<String> header = DemoReport.wideHeader(fits);
        StringBuilder sb = new StringBuilder(String.format("%-26s", header.get(0)));
        for (int i = 1; i < header.size() - 1; i++) {
            sb.append(String.format("%28s", header.get(i)));
        }
        System.out.println(sb);
        for (List<Object> row : DemoReport.wideScores(fits)) {
            StringBuilder r = new StringBuilder(String.format("%-26s", row.get(0)));
            for (int i = 1; i < row.size() - 1; i++) {
                r.append(String.format(Locale.ROOT, "%28.3f", (Double) row.get(i)));
            }
            System.out.println(r);
        }
    }
}

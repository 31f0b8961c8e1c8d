package org.cdgm.cli.jobs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.cdgm.cli.report.CsvTable;
import org.cdgm.engine.metrics.IdentifiabilityScorer;
import org.cdgm.engine.metrics.SampleSummary;
import org.cdgm.engine.metrics.SeedStability;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.simulation.SimulatedData;
import org.cdgm.engine.simulation.SimulationSettings;
import org.cdgm.engine.simulation.Simulator;

/**
 * The figures behind the docs: every standard fit on several simulated data sets (data seeds) with two training
 * seeds each, once with the true latent sizes and once misspecified (k_z = k_t = {@code misspecifiedDim}).
 * Reports means and standard deviations over all fits, and cross-seed stability between the two training seeds.
 */
final class SeedExperiment {
    private static final long[] TRAIN_SEEDS = {1, 2};

    private SeedExperiment() {
    }

    private record Key(String setting, String fit) {
    }

    static void run(SimulationSettings base, int dataSeeds, int misspecifiedDim, int epochs, int parallel, Path out,
                    Consumer<String> log) throws IOException, InterruptedException {
        CsvTable raw = new CsvTable(List.of("latent_sizes", "fit", "data_seed", "train_seed", "metric", "value"));
        Map<Key, Map<String, List<Double>>> values = new LinkedHashMap<>();
        for (int d = 1; d <= dataSeeds; d++) {
            SimulatedData sim = Simulator.simulate(base.withSeed(1000 + d));
            for (String setting : List.of("well-specified", "misspecified")) {
                int kz = setting.equals("well-specified") ? base.sharedDim() : misspecifiedDim;
                int kt = setting.equals("well-specified") ? base.salientDim() : misspecifiedDim;
                ModelConfig model = ModelConfig.defaults(base.genes(), base.noise()).withLatentSizes(kz, kt);
                List<FitSpec> specs = new ArrayList<>();
                for (long ts : TRAIN_SEEDS) {
                    specs.addAll(StandardFits.specs(model, epochs, ts, true));
                }
                log.accept("data seed " + d + ", " + setting + " (k_z = " + kz + ", k_t = " + kt + "): "
                        + specs.size() + " fits");
                List<FitOutcome> fits = SimulationFits.run(sim, specs, parallel, log);
                String label = setting + " (" + kz + "," + kt + ")";
                int perSeed = fits.size() / TRAIN_SEEDS.length;
                for (int i = 0; i < fits.size(); i++) {
                    FitOutcome f = fits.get(i);
                    Map<String, List<Double>> m = values.computeIfAbsent(new Key(label, f.spec().label()),
                            k -> new LinkedHashMap<>());
                    for (var row : f.scores().rows()) {
                        raw.add(List.of(label, f.spec().label(), d, f.spec().training().seed(), row.metric(),
                                row.value()));
                        m.computeIfAbsent(row.metric(), k -> new ArrayList<>()).add(row.value());
                    }
                    if (i < perSeed) {
                        FitOutcome other = fits.get(i + perSeed);
                        SeedStability s = stability(f, other);
                        m.computeIfAbsent("seed_stability_shared_mcc", k -> new ArrayList<>()).add(s.sharedMcc());
                        m.computeIfAbsent("seed_stability_salient_mcc", k -> new ArrayList<>()).add(s.salientMcc());
                    }
                }
            }
        }
        raw.write(out.resolve("experiment_raw.csv"));
        CsvTable summary = new CsvTable(List.of("latent_sizes", "fit", "metric", "mean", "sd", "n"));
        for (var e : values.entrySet()) {
            for (var m : e.getValue().entrySet()) {
                double[] v = m.getValue().stream().mapToDouble(Double::doubleValue).toArray();
                summary.add(List.of(e.getKey().setting(), e.getKey().fit(), m.getKey(), mean(v), sd(v), v.length));
            }
        }
        summary.write(out.resolve("experiment_summary.csv"));
        log.accept(markdown(values));
    }

    private static SeedStability stability(FitOutcome a, FitOutcome b) {
        return SeedStability.of(IdentifiabilityScorer.stack(a.background().shared(), a.target().shared()),
                IdentifiabilityScorer.stack(b.background().shared(), b.target().shared()), a.target().salient(),
                b.target().salient(), 7);
    }

    private static String markdown(Map<Key, Map<String, List<Double>>> values) {
        String[] metrics = {"shared_mcc", "salient_mcc", "shared_mcc_aligned", "salient_mcc_aligned",
            "salient_leakage_linear", "shared_leakage_linear", "seed_stability_shared_mcc",
            "seed_stability_salient_mcc"};
        StringBuilder sb = new StringBuilder("\n| latent sizes | fit |");
        for (String m : metrics) {
            sb.append(' ').append(m).append(" |");
        }
        sb.append("\n|---|---|").append("---|".repeat(metrics.length)).append('\n');
        for (var e : values.entrySet()) {
            sb.append("| ").append(e.getKey().setting()).append(" | ").append(e.getKey().fit()).append(" |");
            for (String m : metrics) {
                double[] v = e.getValue().getOrDefault(m, List.of()).stream().mapToDouble(Double::doubleValue)
                        .toArray();
                sb.append(String.format(Locale.ROOT, " %.3f ± %.3f |", mean(v), sd(v)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static double mean(double[] v) {
        return SampleSummary.mean(v);
    }

    static double sd(double[] v) {
        return SampleSummary.sd(v);
    }

}

package org.cdgm.cli.experiment;

import java.util.concurrent.Callable;

import org.cdgm.cli.Main;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cdgm experiment SUBCOMMAND}: measurements that fit many models and write the evidence (tables and a
 * markdown summary) for the docs. Each experiment is a subcommand: {@code stability} (seed stability) and
 * {@code effects} (salient effects on the simulator: gene recovery and null calibration), and the paper's claims
 * {@code mixing}, {@code noise} and {@code misspecified} with {@code calibration}, what their seed stability says
 * about the truth (docs/experiments.md).
 */
@Command(name = "experiment",
        header = "Run a measurement over many fits and write its tables and a markdown summary.",
        description = {"Experiments fit many models on the simulator's data (known latents) and on the Papalexi "
                + "screen in the shared data folder, and write CSV tables and a markdown summary to --out."},
        subcommands = {StabilityCommand.class, EffectsExperimentCommand.class, BatchesExperimentCommand.class,
            MixingExperimentCommand.class, NoiseExperimentCommand.class, MisspecifiedExperimentCommand.class,
            CalibrationCommand.class},
        synopsisSubcommandLabel = "EXPERIMENT",
        optionListHeading = "%nOptions:%n",
        commandListHeading = "%nExperiments:%n",
        footerHeading = "%n",
        footer = {"Run 'cdgm experiment EXPERIMENT --help' for the options of an experiment."})
public final class ExperimentCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** {@code cdgm experiment} without an experiment: the usage on stderr, as a usage error (as {@code cdgm}). */
    @Override
    public Integer call() {
        return Main.missingSubcommand(spec, "experiment");
    }
}

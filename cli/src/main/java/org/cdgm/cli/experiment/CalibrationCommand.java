package org.cdgm.cli.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cdgm.cli.OutputCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cdgm experiment calibration}: what a seed-stability score says about the truth, from the raw.csv of the
 * claim experiments ({@link StabilityCalibration}). Fits nothing.
 */
@Command(name = "calibration",
        header = "How well seed stability predicts the true scores, from the claim experiments' raw.csv.",
        description = {"Reads the raw.csv of one or more runs of cdgm experiment mixing, noise or misspecified "
                + "(--in, repeatable) and sets every pair of fits that differ only in the training seed against the "
                + "truth: its seed stability (MCC between the two fits' coordinates, the only score available on "
                + "real data) against the two fits' mean true aligned MCC and leakage. Reports per block (shared, "
                + "salient) the Pearson and Spearman correlations over all pairs and, per band of stability (below "
                + "0.5, 0.5-0.6, ..., 0.9 and above), the mean true aligned MCC with a 95%% Student t interval: "
                + "\"a stability of s means a true MCC of about m\". Fits nothing; takes seconds."},
        sortOptions = false,
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nOutput (in --out):%n",
        footer = {"pairs.csv        one row per pair of fits and block: source, setting, mode, data_seed, seed_a, "
                + "seed_b, block, stability_mcc, true_mcc_aligned, leakage_linear (the two fits' means)",
                "calibration.csv  one row per block and band: block, stability_band, pairs, true_mcc_aligned, "
                        + "ci_low, ci_high, leakage_linear",
                "calibration.md   the correlations and the bands as markdown, also printed on stdout",
                "calibration.png  true aligned MCC against stability, one dot per pair, band means as a line",
                "",
                "Exit status: 0 success, 1 a file could not be read or holds no pair, 2 wrong usage.",
                "",
                "Example:",
                "  cdgm experiment calibration --in runs/mixing --in runs/noise --in runs/misspecified \\",
                "      --out runs/calibration"})
public final class CalibrationCommand extends OutputCommand {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--in", paramLabel = "DIR", required = true,
            description = "An --out folder of cdgm experiment mixing, noise or misspecified (holding raw.csv); "
                    + "repeat for several.")
    List<Path> in = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<StabilityCalibration.Pair> pairs = StabilityCalibration.read(in);
        Files.createDirectories(out);
        String md = StabilityCalibration.write(pairs, out);
        spec.commandLine().getOut().print(md);
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().println("wrote " + out.resolve("pairs.csv") + ", calibration.csv, calibration.md, "
                + "calibration.png (" + pairs.size() + " pair-block points from " + in.size() + " folder"
                + (in.size() == 1 ? "" : "s") + ")");
        return 0;
    }
}

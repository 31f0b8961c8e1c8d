package org.cdgm.cli.experiment;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Option;

/** What every experiment command shares: the folder its tables, summary and figures go to ({@code --out}). */
abstract class ExperimentOutput implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "The folder to write into (created if needed; files of the same names are replaced).")
    Path out;
}

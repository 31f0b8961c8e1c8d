package org.cdgm.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Option;

/**
 * What every command that writes files shares: the folder they go to ({@code --out}). fit, the analysis commands,
 * the experiments and the Spark fit extend it, so the option reads the same everywhere.
 */
public abstract class OutputCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "The folder to write into (created if needed; files of the same names are replaced).")
    protected Path out;
}

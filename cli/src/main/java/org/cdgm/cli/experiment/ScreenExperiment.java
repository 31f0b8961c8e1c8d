package org.cdgm.cli.experiment;

import java.nio.file.Path;

import org.cdgm.cli.OutputCommand;

import picocli.CommandLine.Option;

/** An experiment on the Papalexi screen: where the shared data folder is ({@code --data}), besides {@code --out}. */
abstract class ScreenExperiment extends OutputCommand {

    @Option(names = "--data", paramLabel = "DIR",
            description = "The shared data folder that holds " + PapalexiData.FOLDER + "/ (default ../shared/data, "
                    + "relative to the working directory: beside the repository when run from its root).")
    Path data = Path.of("../shared/data");
}

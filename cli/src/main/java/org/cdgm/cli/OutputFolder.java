package org.cdgm.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cdgm.engine.data.InvalidInputException;

import picocli.CommandLine.Model.CommandSpec;

/**
 * The --out folder of a command, created and tried before any work, so that a fit of minutes is not lost to a folder
 * that cannot be written.
 */
public final class OutputFolder {
    private OutputFolder() {
    }

    /**
     * Creates {@code out} if needed and checks that a file can be written in it.
     *
     * @throws picocli.CommandLine.ParameterException (usage) for a blank path
     * @throws InvalidInputException naming the folder when it is a file, cannot be created or is not writable
     */
    public static void prepare(CommandSpec spec, Path out) {
        if (out.toString().isBlank()) {
            throw Main.usageError(spec, "--out needs a folder name");
        }
        try {
            Files.createDirectories(out);
            Path probe = Files.createTempFile(out, ".cdgm-write-check", ".tmp");
            Files.delete(probe);
        } catch (FileAlreadyExistsException e) {
            throw new InvalidInputException("--out " + out + " is a file, not a folder");
        } catch (IOException e) {
            throw new InvalidInputException("--out " + out + " cannot be written to (" + e.getClass().getSimpleName()
                    + "): choose a folder you may write in");
        }
    }
}

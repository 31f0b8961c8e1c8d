package org.cdgm.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cdgm.engine.data.InvalidInputException;

import picocli.CommandLine.Model.CommandSpec;

/**
 * The --out folder of a command, created and tried before any work, so that a fit of minutes is not lost to a folder
 * that cannot be written; and removed again when the command fails before writing into it, so that a failed command
 * leaves nothing behind.
 */
public final class OutputFolder {
    private final Path path;
    /** The outermost folder this command created (path itself or one of its parents), or null. */
    private final Path createdFrom;

    private OutputFolder(Path path, Path createdFrom) {
        this.path = path;
        this.createdFrom = createdFrom;
    }

    /**
     * Creates {@code out} if needed and checks that a file can be written in it.
     *
     * @throws picocli.CommandLine.ParameterException (usage) for a blank path
     * @throws InvalidInputException naming the folder when it is a file, cannot be created or is not writable
     */
    public static OutputFolder prepare(CommandSpec spec, Path out) {
        if (out.toString().isBlank()) {
            throw Main.usageError(spec, "--out needs a folder name");
        }
        Path missing = null;
        for (Path p = out.toAbsolutePath().normalize(); p != null && !Files.exists(p); p = p.getParent()) {
            missing = p;
        }
        OutputFolder folder = new OutputFolder(out.toAbsolutePath().normalize(), missing);
        try {
            Files.createDirectories(out);
            Path probe = Files.createTempFile(out, ".cdgm-write-check", ".tmp");
            Files.delete(probe);
        } catch (FileAlreadyExistsException e) {
            throw new InvalidInputException("--out " + out + " is a file, not a folder");
        } catch (IOException e) {
            folder.removeIfUnused();
            throw new InvalidInputException("--out " + out + " cannot be written to (" + e.getClass().getSimpleName()
                    + "): choose a folder you may write in");
        }
        return folder;
    }

    /**
     * Removes the folders this command created, innermost first, as long as they are empty: after a failure before
     * anything was written nothing is left behind; a folder with results (or one that existed before) stays.
     */
    public void removeIfUnused() {
        if (createdFrom == null) {
            return;
        }
        for (Path p = path; p != null && p.startsWith(createdFrom); p = p.getParent()) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) { // not empty (results, or something else put there): keep it and its parents
                return;
            }
        }
    }
}

package org.cdgm.engine.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Writes a text file through a temporary sibling and an atomic move: readers never see half a file. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** What to write into a text file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Writer w) throws IOException;
    }

    /** What to write into a binary file. */
    @FunctionalInterface
    public interface Bytes {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path file, Content content) throws IOException {
        writeBytes(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            content.writeTo(w);
            w.flush();
        });
    }

    /**
     * Writes through a hidden temporary sibling, then moves it over {@code file}. On any failure the temporary file
     * is removed and the message names {@code file}, not the temporary one.
     *
     * @throws IOException naming {@code file} when its folder cannot be created or written, or the move fails
     */
    public static void writeBytes(Path file, Bytes content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        // Not Files.createTempFile: that makes owner-only (0600) files; a plain new file follows the user's umask.
        Path tmp = dir.resolve("." + file.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
        boolean moved = false;
        try {
            Files.createDirectories(dir);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE))) {
                content.writeTo(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
        } catch (FileSystemException e) {
            throw explain(file, e);
        } finally {
            if (!moved) {
                deleteQuietly(tmp);
            }
        }
    }

    /** Removes a leftover temporary file; a failure here must not hide the error that caused the cleanup. */
    private static void deleteQuietly(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // the original error is the one worth reporting
        }
    }

    /** The file system's error on the temporary file, said of the file the user asked for. */
    static IOException explain(Path file, FileSystemException e) {
        Path dir = file.toAbsolutePath().getParent();
        String why;
        if (e instanceof AccessDeniedException) {
            why = "permission denied (the folder " + dir + " is not writable, or the file is read-only)";
        } else if (e instanceof DirectoryNotEmptyException || Files.isDirectory(file)) {
            why = "it is a directory";
        } else {
            why = e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
        }
        return new IOException("Cannot write " + file + ": " + why, e);
    }
}

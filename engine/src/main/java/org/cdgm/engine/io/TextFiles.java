package org.cdgm.engine.io;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Opens text files that may be gzip-compressed (recognised by content, not by name). */
public final class TextFiles {
    private TextFiles() {
    }

    public static BufferedReader open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file + " does not exist or is not a file");
        }
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    /**
     * The whole text of a small file (plain or gzip, by content), decoded as UTF-8, without a leading byte order
     * mark (Excel writes one into "CSV UTF-8" files).
     *
     * @throws DataFileException when the file is missing, or is gzip that is truncated or corrupt
     */
    public static String readString(Path file) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[1 << 16];
        try (BufferedReader r = open(file)) {
            for (int n = r.read(buf); n >= 0; n = r.read(buf)) {
                sb.append(buf, 0, n);
            }
        } catch (ZipException | EOFException e) {
            throw new DataFileException(file + " is truncated or not valid gzip (" + e.getMessage() + ")", e);
        }
        if (sb.length() > 0 && sb.charAt(0) == '\uFEFF') {
            sb.deleteCharAt(0);
        }
        return sb.toString();
    }

    /** The first existing file among the names, in the folder; else an error listing what was looked for. */
    public static Path find(Path folder, String... names) throws DataFileException {
        for (String n : names) {
            Path p = folder.resolve(n);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new DataFileException("Folder " + folder + " has none of " + String.join(", ", names));
    }
}

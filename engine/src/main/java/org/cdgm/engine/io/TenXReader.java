package org.cdgm.engine.io;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipException;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.CellMetadata;
import org.cdgm.engine.data.SparseCellMatrix;

/**
 * Reads a 10x Genomics matrix folder as Cell Ranger writes it and GEO serves it: {@code matrix.mtx[.gz]}
 * (MatrixMarket coordinate, features x cells, 1-based), {@code features.tsv[.gz]} (id, name, type; Cell Ranger 3+)
 * or {@code genes.tsv[.gz]} (id, name; Cell Ranger 2), {@code barcodes.tsv[.gz]}, optionally sharing one file-name
 * prefix ({@code GSM4567_matrix.mtx.gz}); the matrix file itself may be given instead of the folder. Like scanpy's
 * {@code read_10x_mtx}: gene symbols as names, made unique, only {@code Gene Expression} features by default,
 * repeated entries summed. The matrix is streamed once into compressed sparse rows, with arrays grown as entries
 * arrive (a header's entry count is checked against the file, never trusted for an allocation); nothing is
 * returned unless every file is complete and consistent.
 */
public final class TenXReader {
    private static final String[] MATRIX = {"matrix.mtx.gz", "matrix.mtx"};
    private static final String[] FEATURES = {"features.tsv.gz", "features.tsv", "genes.tsv.gz", "genes.tsv"};
    private static final String[] BARCODES = {"barcodes.tsv.gz", "barcodes.tsv"};

    private TenXReader() {
    }

    /** The three files of one sample. */
    record Files10x(Path matrix, Path features, Path barcodes) {
    }

    /** A folder (or matrix file) with default options. */
    public static AnnotatedMatrix read(Path folder) throws IOException {
        return read(MatrixReadRequest.of(folder));
    }

    /**
     * @param metadataCsv optional delimited text with one row per cell, joined on the cell id
     * @param idColumn    metadata column holding the cell id (barcode); null for the first column
     */
    public static AnnotatedMatrix read(Path folder, Path metadataCsv, String idColumn) throws IOException {
        AnnotatedMatrix a = read(MatrixReadRequest.of(folder));
        return metadataCsv == null ? a : MetadataJoin.join(a, metadataCsv, idColumn, CsvMatrixOptions.defaults());
    }

    /**
     * Reads the request's folder or matrix file; the metadata file, if any, is joined by {@link MatrixFiles}.
     *
     * @throws DataFileException naming the file and line of the first problem, or listing the folder's files
     *                           when the three files are not found
     */
    public static AnnotatedMatrix read(MatrixReadRequest r) throws IOException {
        Files10x f = locate(r.path());
        FeatureTable features = features(f.features());
        List<String> cells = lines(f.barcodes());
        FeatureTable.Selection sel = features.select(r, f.features());
        SparseCellMatrix m = readMatrix(f, features.size(), cells.size(), sel.geneMap(), sel.genes().size());
        return new AnnotatedMatrix(m, sel.genes(), cells, CellMetadata.none(cells.size()), sel.warnings());
    }

    /** Genes (after the feature-type selection) and barcodes, without reading matrix.mtx. */
    static MatrixHeader header(MatrixReadRequest r) throws IOException {
        Files10x f = locate(r.path());
        FeatureTable.Selection sel = features(f.features()).select(r, f.features());
        List<String> cells = lines(f.barcodes());
        return new MatrixHeader(sel.genes(), cells, CellMetadata.none(cells.size()), sel.warnings());
    }

    /** The three files: exact names first, then one prefix shared by all three; else the folder's listing. */
    static Files10x locate(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            String name = path.getFileName().toString();
            String prefix = name.replaceFirst("matrix\\.mtx(\\.gz)?$", "");
            if (prefix.equals(name)) {
                throw new DataFileException(path + " is not a 10x matrix file (expected a name ending in matrix.mtx "
                        + "or matrix.mtx.gz, or the folder holding it)");
            }
            Files10x found = withPrefix(path.getParent() == null ? Path.of(".") : path.getParent(), prefix);
            if (found == null) {
                throw new DataFileException(path + " has no matching " + prefix + "features.tsv[.gz] (or genes.tsv) "
                        + "and " + prefix + "barcodes.tsv[.gz] beside it; files there: " + listing(path.getParent()));
            }
            return found;
        }
        if (!Files.isDirectory(path)) {
            throw new DataFileException(path + " does not exist");
        }
        Files10x exact = withPrefix(path, "");
        if (exact != null) {
            return exact;
        }
        Set<String> prefixes = new TreeSet<>();
        try (Stream<Path> s = Files.list(path)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.matches(".+matrix\\.mtx(\\.gz)?"))
                    .map(n -> n.replaceFirst("matrix\\.mtx(\\.gz)?$", "")).forEach(prefixes::add);
        }
        List<Files10x> complete = new ArrayList<>();
        List<String> completePrefixes = new ArrayList<>();
        for (String p : prefixes) {
            Files10x f = withPrefix(path, p);
            if (f != null) {
                complete.add(f);
                completePrefixes.add(p);
            }
        }
        if (complete.size() == 1) {
            return complete.get(0);
        }
        if (complete.size() > 1) {
            throw new DataFileException("Folder " + path + " holds " + complete.size() + " 10x samples (file-name "
                    + "prefixes " + String.join(", ", completePrefixes) + "); choose one by giving its matrix file, e.g. "
                    + complete.get(0).matrix());
        }
        throw new DataFileException("Folder " + path + " has no 10x matrix: expected matrix.mtx[.gz], "
                + "features.tsv[.gz] (or genes.tsv[.gz]) and barcodes.tsv[.gz], optionally sharing a prefix such as "
                + "GSM123_; files there: " + listing(path));
    }

    private static Files10x withPrefix(Path folder, String prefix) {
        Path m = first(folder, prefix, MATRIX);
        Path f = first(folder, prefix, FEATURES);
        Path b = first(folder, prefix, BARCODES);
        return m != null && f != null && b != null ? new Files10x(m, f, b) : null;
    }

    private static Path first(Path folder, String prefix, String[] names) {
        for (String n : names) {
            Path p = folder.resolve(prefix + n);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static String listing(Path folder) throws IOException {
        if (folder == null || !Files.isDirectory(folder)) {
            return "none";
        }
        try (Stream<Path> s = Files.list(folder)) {
            List<String> names = s.map(p -> p.getFileName().toString() + (Files.isDirectory(p) ? "/" : "")).sorted()
                    .toList();
            if (names.isEmpty()) {
                return "none (empty folder)";
            }
            return String.join(", ", names.subList(0, Math.min(names.size(), 20)))
                    + (names.size() > 20 ? ", ... (" + names.size() + " in all)" : "");
        }
    }

    /**
     * The feature table: id, name and type columns (Cell Ranger 3+), id and name (Cell Ranger 2's genes.tsv), or
     * a single column used as both.
     */
    static FeatureTable features(Path file) throws IOException {
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        boolean typed = true;
        int lineNo = 0;
        try (BufferedReader r = TextFiles.open(file)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                ids.add(f[0].trim());
                names.add(f.length > 1 ? f[1].trim() : f[0].trim());
                if (f.length > 2) {
                    types.add(f[2].trim());
                } else {
                    typed = false;
                }
            }
        } catch (ZipException | EOFException e) {
            throw corruptGzip(file, e);
        }
        if (names.isEmpty()) {
            throw new DataFileException(file + " lists no features");
        }
        return new FeatureTable(ids, names, typed ? types : null);
    }

    static List<String> lines(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = TextFiles.open(file)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    out.add(line.split("\t")[0].trim());
                }
            }
        } catch (ZipException | EOFException e) {
            throw corruptGzip(file, e);
        }
        return out;
    }

    private static DataFileException corruptGzip(Path file, Exception e) {
        return new DataFileException(file + " is truncated or not valid gzip (" + e.getMessage() + "); download or "
                + "copy it again", e);
    }

    private static SparseCellMatrix readMatrix(Files10x f, int nFeatures, int nCells, int[] geneMap, int nGenes)
            throws IOException {
        Path mtx = f.matrix();
        long lineNo = 0;
        try (BufferedReader r = TextFiles.open(mtx)) {
            String header = r.readLine();
            lineNo++;
            if (header == null || !header.startsWith("%%MatrixMarket matrix coordinate")) {
                throw new DataFileException(mtx + " is not a MatrixMarket coordinate file (line 1: '"
                        + (header == null ? "" : header) + "')");
            }
            String[] h = header.trim().split("\\s+");
            String field = h.length > 3 ? h[3] : "";
            if (!(field.equals("integer") || field.equals("real") || field.equals("pattern"))
                    || (h.length > 4 && !h[4].equals("general"))) {
                throw new DataFileException(mtx + ": unsupported MatrixMarket format '" + header + "' (need coordinate "
                        + "integer, real or pattern, general)");
            }
            boolean pattern = field.equals("pattern");
            String line = r.readLine();
            lineNo++;
            while (line != null && line.startsWith("%")) {
                line = r.readLine();
                lineNo++;
            }
            if (line == null) {
                throw new DataFileException(mtx + " ends before its size line");
            }
            long[] size = parseLongs(line, 3, mtx, lineNo);
            if (size[0] != nFeatures || size[1] != nCells) {
                throw new DataFileException(mtx + " is " + size[0] + " features x " + size[1] + " cells, but "
                        + f.features().getFileName() + " lists " + nFeatures + " features and "
                        + f.barcodes().getFileName() + " " + nCells + " cells");
            }
            long declared = size[2];
            if (declared < 0 || declared > (long) nFeatures * nCells) {
                throw new DataFileException(mtx + " declares " + declared + " entries, more than its " + nFeatures
                        + " x " + nCells + " matrix has cells; the file is corrupt");
            }
            if (declared > Integer.MAX_VALUE - 8) {
                throw new DataFileException(mtx + " declares " + declared + " entries, more than one matrix can hold");
            }
            // Grown as entries arrive: the declared count is only compared with the file, never allocated up front.
            int capacity = (int) Math.min(declared, 1 << 16);
            int[] geneOf = new int[capacity];
            int[] cellOf = new int[capacity];
            float[] val = new float[capacity];
            int n = 0;
            for (line = r.readLine(), lineNo++; line != null; line = r.readLine(), lineNo++) {
                if (line.isBlank()) {
                    continue;
                }
                if (n == declared) {
                    throw new DataFileException(mtx + ", line " + lineNo + ": more entries than the " + declared
                            + " its size line declares");
                }
                if (n == geneOf.length) {
                    int grown = (int) Math.min(declared, Math.max(16, (long) n + (n >> 1)));
                    geneOf = Arrays.copyOf(geneOf, grown);
                    cellOf = Arrays.copyOf(cellOf, grown);
                    val = Arrays.copyOf(val, grown);
                }
                int a = skipSpace(line, 0);
                // hand-rolled tokenizer: this loop runs once per non-zero (millions of times)
                int s1 = nextSpace(line, a);
                int s2 = nextSpace(line, skipSpace(line, s1));
                int gene = parseInt(line, a, s1, mtx, lineNo) - 1;
                int cell = parseInt(line, skipSpace(line, s1), s2, mtx, lineNo) - 1;
                double v = pattern ? 1.0 : parseDouble(line.substring(skipSpace(line, s2)).trim(), mtx, lineNo);
                if (gene < 0 || gene >= nFeatures || cell < 0 || cell >= nCells) {
                    throw new DataFileException(mtx + ", line " + lineNo + ": entry (" + (gene + 1) + ", " + (cell + 1)
                            + ") is outside the " + nFeatures + " x " + nCells + " matrix");
                }
                geneOf[n] = gene;
                cellOf[n] = cell;
                val[n] = (float) v;
                n++;
            }
            if (n < declared) {
                throw new DataFileException(mtx + " ends after " + n + " of the " + declared + " entries its size line "
                        + "declares (truncated or corrupt); download or copy it again");
            }
            return CsrBuilder.fromTriplets(nCells, nGenes, cellOf, geneOf, val, n, geneMap);
        } catch (ZipException | EOFException e) {
            throw corruptGzip(mtx, e);
        }
    }

    private static int nextSpace(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
            i++;
        }
        return i;
    }

    private static int skipSpace(String s, int from) {
        int i = from;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static int parseInt(String s, int from, int to, Path file, long lineNo) throws DataFileException {
        if (from >= to) {
            throw new DataFileException(file + ", line " + lineNo + ": expected 'gene cell value', got '" + s + "'");
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9' || v > 214748363) {
                throw new DataFileException(file + ", line " + lineNo + ": '" + s.substring(from, to)
                        + "' is not a valid index");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static double parseDouble(String s, Path file, long lineNo) throws DataFileException {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new DataFileException(file + ", line " + lineNo + ": '" + s + "' is not a number");
        }
    }

    private static long[] parseLongs(String line, int n, Path file, long lineNo) throws DataFileException {
        String[] f = line.trim().split("\\s+");
        if (f.length != n) {
            throw new DataFileException(file + ", line " + lineNo + ": expected " + n + " numbers, got '" + line + "'");
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            try {
                out[i] = Long.parseLong(f[i]);
            } catch (NumberFormatException e) {
                throw new DataFileException(file + ", line " + lineNo + ": '" + f[i] + "' is not a whole number");
            }
        }
        return out;
    }
}

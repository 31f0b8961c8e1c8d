package org.cdgm.engine.io;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.CellMetadata;
import org.cdgm.engine.data.SparseCellMatrix;

/**
 * Reads a 10x Genomics folder: {@code matrix.mtx[.gz]} (MatrixMarket coordinate, genes x cells), {@code
 * features.tsv[.gz]} or {@code genes.tsv[.gz]}, {@code barcodes.tsv[.gz]}, plus an optional metadata CSV joined on
 * the cell id. The matrix is streamed once into compressed sparse rows; nothing is returned unless every file is
 * complete and consistent.
 */
public final class TenXReader {
    private TenXReader() {
    }

    public static AnnotatedMatrix read(Path folder) throws IOException {
        return read(folder, null, null);
    }

    public static AnnotatedMatrix read(MatrixReadRequest r) throws IOException {
        return read(r.path(), null, null);
    }

    /**
     * @param metadataCsv optional CSV with a header and one row per cell (more rows are ignored)
     * @param idColumn    metadata column holding the cell id (barcode); null for the first column
     */
    public static AnnotatedMatrix read(Path folder, Path metadataCsv, String idColumn) throws IOException {
        Path mtx = TextFiles.find(folder, "matrix.mtx.gz", "matrix.mtx");
        Path features = TextFiles.find(folder, "features.tsv.gz", "features.tsv", "genes.tsv.gz", "genes.tsv");
        Path barcodes = TextFiles.find(folder, "barcodes.tsv.gz", "barcodes.tsv");
        List<String> genes = geneNames(features);
        List<String> cells = lines(barcodes);
        SparseCellMatrix m = readMatrix(mtx, genes.size(), cells.size(), features, barcodes);
        AnnotatedMatrix a = new AnnotatedMatrix(m, genes, cells, CellMetadata.none(cells.size()));
        return metadataCsv == null ? a : MetadataJoin.join(a, metadataCsv, idColumn, CsvMatrixOptions.defaults());
    }

    /** Gene names from the second column (first if there is only one); duplicates are an error. */
    static List<String> geneNames(Path features) throws IOException {
        List<String> genes = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int lineNo = 0;
        try (BufferedReader r = TextFiles.open(features)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                String name = f.length > 1 ? f[1].trim() : f[0].trim();
                Integer before = seen.put(name, lineNo);
                if (before != null) {
                    throw new DataFileException(features + ": gene name '" + name + "' appears on lines " + before
                            + " and " + lineNo + "; gene names must be unique (make them unique, e.g. by appending "
                            + "the gene id)");
                }
                genes.add(name);
            }
        } catch (ZipException | EOFException e) {
            throw corruptGzip(features, e);
        }
        return genes;
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

    private static SparseCellMatrix readMatrix(Path mtx, int nGenes, int nCells, Path features, Path barcodes)
            throws IOException {
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
            if (size[0] != nGenes || size[1] != nCells) {
                throw new DataFileException(mtx + " is " + size[0] + " genes x " + size[1] + " cells, but " + features
                        .getFileName() + " lists " + nGenes + " genes and " + barcodes.getFileName() + " " + nCells
                        + " cells");
            }
            if (size[2] > Integer.MAX_VALUE - 8) {
                throw new DataFileException(mtx + " has " + size[2] + " entries, more than one matrix can hold");
            }
            int nnz = (int) size[2];
            int[] geneOf = new int[nnz];
            int[] cellOf = new int[nnz];
            float[] val = new float[nnz];
            for (int k = 0; k < nnz; k++) {
                line = r.readLine();
                lineNo++;
                if (line == null) {
                    throw new DataFileException(mtx + " ends after " + k + " of its " + nnz + " entries (truncated)");
                }
                int a = skipSpace(line, 0);
                int end = line.length();
                // hand-rolled tokenizer: this loop runs once per non-zero (millions of times)
                int s1 = nextSpace(line, a);
                int s2 = nextSpace(line, skipSpace(line, s1));
                int gene = parseInt(line, a, s1, mtx, lineNo) - 1;
                int cell = parseInt(line, skipSpace(line, s1), s2, mtx, lineNo) - 1;
                double v = pattern ? 1.0 : parseDouble(line.substring(skipSpace(line, s2), end).trim(), mtx, lineNo);
                if (gene < 0 || gene >= nGenes || cell < 0 || cell >= nCells) {
                    throw new DataFileException(mtx + ", line " + lineNo + ": entry (" + (gene + 1) + ", " + (cell + 1)
                            + ") is outside the " + nGenes + " x " + nCells + " matrix");
                }
                geneOf[k] = gene;
                cellOf[k] = cell;
                val[k] = (float) v;
            }
            return toCsr(nCells, nGenes, geneOf, cellOf, val, mtx);
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

    /** Counting sort of the triplets by cell, then by gene within each cell; duplicate entries are an error. */
    private static SparseCellMatrix toCsr(int nCells, int nGenes, int[] geneOf, int[] cellOf, float[] val, Path mtx)
            throws DataFileException {
        int nnz = val.length;
        long[] start = new long[nCells + 1];
        for (int c : cellOf) {
            start[c + 1]++;
        }
        for (int i = 0; i < nCells; i++) {
            start[i + 1] += start[i];
        }
        long[] fill = Arrays.copyOf(start, nCells);
        int[] genes = new int[nnz];
        float[] values = new float[nnz];
        for (int k = 0; k < nnz; k++) {
            int pos = (int) fill[cellOf[k]]++;
            genes[pos] = geneOf[k];
            values[pos] = val[k];
        }
        for (int c = 0; c < nCells; c++) {
            int from = (int) start[c];
            int to = (int) start[c + 1];
            CsrRows.sort(genes, values, from, to);
            for (int k = from + 1; k < to; k++) {
                if (genes[k] == genes[k - 1]) {
                    throw new DataFileException(mtx + " has two entries for gene " + (genes[k] + 1) + " in cell "
                            + (c + 1));
                }
            }
        }
        return new SparseCellMatrix(nCells, nGenes, start, genes, values);
    }
}

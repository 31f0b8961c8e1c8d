package org.cdgm.engine.io;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.CellMetadata;
import org.cdgm.engine.data.DenseCellMatrix;

/**
 * Reads an expression table from CSV/TSV (optionally gzip) with Apache Commons CSV: quoted fields, a byte order
 * mark, cells or genes as rows, metadata columns kept as text. Values are parsed strictly: a non-number names its
 * row and column; missing values (empty, NA, NaN) are an error unless a fill value is set.
 */
public final class CsvMatrixReader {
    private static final Set<String> MISSING = Set.of("", "na", "nan", "null", "none");

    private CsvMatrixReader() {
    }

    public static AnnotatedMatrix read(Path file, CsvMatrixOptions o) throws IOException {
        char delimiter = o.delimiter() != 0 ? o.delimiter() : defaultDelimiter(file);
        CSVFormat.Builder fmt = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setTrim(true)
                .setIgnoreEmptyLines(true);
        List<String> header;
        List<List<String>> rows = new ArrayList<>();
        try (BufferedReader r = TextFiles.open(file)) {
            skipByteOrderMark(r);
            try (CSVParser p = fmt.build().parse(r)) {
                for (CSVRecord rec : p) {
                    List<String> row = new ArrayList<>(rec.size());
                    rec.forEach(row::add);
                    rows.add(row);
                }
            }
        } catch (ZipException | EOFException e) {
            throw new DataFileException(file + " is truncated or not valid gzip (" + e.getMessage() + ")", e);
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new DataFileException(file + " is not valid CSV: " + e.getMessage(), e);
        }
        if (rows.isEmpty() || (o.hasHeader() && rows.size() == 1)) {
            throw new DataFileException(file + " has no data rows");
        }
        header = o.hasHeader() ? rows.remove(0) : null;
        int width = header != null ? header.size() : rows.get(0).size();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).size() != width) {
                throw new DataFileException(file + ", row " + (i + 1 + (header != null ? 1 : 0)) + " has "
                        + rows.get(i).size() + " fields, the " + (header != null ? "header has " : "first row has ")
                        + width);
            }
        }
        if (header == null) {
            header = new ArrayList<>();
            for (int j = 1; j <= width; j++) {
                header.add((o.cellsAsRows() ? "gene_" : "cell_") + j);
            }
        }
        int idCol = -1;
        if (o.idColumn() != null) {
            idCol = header.indexOf(o.idColumn());
            if (idCol < 0) {
                throw new DataFileException(file + " has no column '" + o.idColumn() + "'; columns: "
                        + String.join(", ", header.subList(0, Math.min(header.size(), 20)))
                        + (header.size() > 20 ? ", ..." : ""));
            }
        }
        Set<Integer> metaCols = new HashSet<>();
        for (String m : o.metadataColumns()) {
            int j = header.indexOf(m);
            if (j < 0) {
                throw new DataFileException(file + " has no metadata column '" + m + "'");
            }
            metaCols.add(j);
        }
        List<Integer> valueCols = new ArrayList<>();
        for (int j = 0; j < width; j++) {
            if (j != idCol && !metaCols.contains(j)) {
                valueCols.add(j);
            }
        }
        if (valueCols.isEmpty()) {
            throw new DataFileException(file + " has no value columns besides the id and metadata columns");
        }
        float[][] values = new float[rows.size()][valueCols.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int v = 0; v < valueCols.size(); v++) {
                int j = valueCols.get(v);
                values[i][v] = parse(rows.get(i).get(j), file, i + 1 + (o.hasHeader() ? 1 : 0), header.get(j), o);
            }
        }
        List<String> rowIds = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            rowIds.add(idCol >= 0 ? rows.get(i).get(idCol) : (o.cellsAsRows() ? "cell_" : "gene_") + (i + 1));
        }
        List<String> colNames = valueCols.stream().map(header::get).toList();
        if (o.cellsAsRows()) {
            Map<String, List<String>> meta = new LinkedHashMap<>();
            for (String m : o.metadataColumns()) {
                int j = header.indexOf(m);
                meta.put(m, rows.stream().map(r -> r.get(j)).toList());
            }
            return new AnnotatedMatrix(dense(values, false), colNames, rowIds, new CellMetadata(rows.size(), meta));
        }
        return new AnnotatedMatrix(dense(values, true), rowIds, colNames, CellMetadata.none(colNames.size()));
    }

    private static float parse(String s, Path file, int row, String column, CsvMatrixOptions o)
            throws DataFileException {
        if (MISSING.contains(s.toLowerCase(Locale.ROOT))) {
            if (o.fillMissing() == null) {
                throw new DataFileException(file + ", row " + row + ", column '" + column + "' is missing ('" + s
                        + "'); fix the file or choose a fill value for missing entries");
            }
            return o.fillMissing().floatValue();
        }
        try {
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return (float) v;
        } catch (NumberFormatException e) {
            throw new DataFileException(file + ", row " + row + ", column '" + column + "': '" + s
                    + "' is not a finite number (a text column? declare it as a metadata column)");
        }
    }

    /** Row-major values into cells x genes, transposing when genes are rows. */
    private static DenseCellMatrix dense(float[][] v, boolean transpose) {
        int r = v.length;
        int c = v[0].length;
        int cells = transpose ? c : r;
        int genes = transpose ? r : c;
        float[] out = new float[cells * genes];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                out[transpose ? j * genes + i : i * genes + j] = v[i][j];
            }
        }
        return new DenseCellMatrix(cells, genes, out);
    }

    private static char defaultDelimiter(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".tsv") || n.endsWith(".tsv.gz") || n.endsWith(".txt") || n.endsWith(".txt.gz") ? '\t'
                : ',';
    }

    private static void skipByteOrderMark(BufferedReader r) throws IOException {
        r.mark(1);
        if (r.read() != '\uFEFF') {
            r.reset();
        }
    }
}

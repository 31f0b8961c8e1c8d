package org.cdgm.engine.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntUnaryOperator;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.CellMetadata;
import org.cdgm.engine.data.DenseCellMatrix;
import org.cdgm.engine.data.MetadataType;
import org.cdgm.engine.io.TextTable.Kind;

/**
 * Reads an expression table from delimited text (CSV, TSV, ';'; plain or gzip) through {@link TextTable}, in either
 * orientation: cells as rows (scanpy's {@code read_csv}, a pandas DataFrame written with {@code to_csv}) or genes as
 * rows (R and GEO matrices, scanpy's {@code read_csv(...).T}).
 *
 * <p>Columns are sorted by what they hold. The id column is the one named in the options, else an unnamed first
 * column (R row names, pandas index), else a first column of text (unique ids when cells are rows), else rows are
 * numbered ({@code cell_1}.. or {@code gene_1}..). Other columns holding only text are cell metadata (cells as rows;
 * e.g. a condition label) or gene annotations that are left out with a warning (genes as rows; e.g. gene_id beside
 * gene_name). Every remaining column is numbers: values are parsed strictly, and a value that is not a number is
 * an error naming the file, row, column and the likely cause (text among numbers, a decimal comma, Inf). Missing
 * values ("", NA, NaN, null, none) are an error unless a fill value is set.
 */
public final class CsvMatrixReader {
    private CsvMatrixReader() {
    }

    /**
     * @param file the table; with cells as rows it is cells x genes, else genes x cells
     * @param o    orientation, header, id and metadata columns, fill value, delimiter, decimal mark
     * @return cells x genes values as read (no normalisation), gene names made unique as scanpy's
     *         {@code var_names_make_unique} does, cell ids, metadata typed per column, and warnings
     * @throws DataFileException naming the file (and row and column where one is at fault) when the table is
     *                           empty, ragged, lacks a named column, has no number columns, repeats a cell id, or
     *                           holds a value that is not a finite number
     */
    public static AnnotatedMatrix read(Path file, CsvMatrixOptions o) throws IOException {
        TextTable t = TextTable.read(file, o.delimiter(), o.hasHeader(), o.decimal());
        if (t.rows() == 0) {
            throw new DataFileException(file + " has no data rows");
        }
        int width = t.columns();
        char decimal = o.decimal();
        Summary[] cols = new Summary[width];
        for (int j = 0; j < width; j++) {
            cols[j] = Summary.of(t, j, decimal);
        }
        List<String> warnings = new ArrayList<>();
        int idCol = idColumn(t, o, cols, warnings);
        // An unnamed row-names column next to a named id column carries nothing we use (often 0, 1, 2, ...).
        int skipped = t.rowNames() && idCol != 0 ? 0 : -1;
        if (skipped == 0) {
            warnings.add(file + ": the unnamed first column (row names) was left out; ids come from "
                    + t.label(idCol));
        }
        TreeSet<Integer> metaCols = new TreeSet<>();
        for (String m : o.metadataColumns()) {
            int j = t.indexOf(m);
            if (j < 0) {
                throw new DataFileException(file + " has no metadata column '" + m + "'; columns: "
                        + t.someColumns());
            }
            metaCols.add(j);
        }
        List<Integer> textCols = new ArrayList<>();
        List<Integer> valueCols = new ArrayList<>();
        for (int j = 0; j < width; j++) {
            if (j == idCol || j == skipped || metaCols.contains(j)) {
                continue;
            }
            if (cols[j].isText()) {
                textCols.add(j);
            } else {
                valueCols.add(j);
            }
        }
        if (valueCols.isEmpty()) {
            TreeSet<Integer> other = new TreeSet<>(metaCols);
            other.addAll(textCols);
            throw new DataFileException(file + " has no columns of numbers" + (idCol >= 0 ? " besides the id "
                    + t.label(idCol) : "") + (other.isEmpty() ? "" : ", only text in " + labels(t, other))
                    + " (delimiter " + TextTable.name(t.delimiter()) + ")");
        }
        List<String> valueNames = new ArrayList<>();
        for (int v = 0; v < valueCols.size(); v++) {
            valueNames.add(t.header() == null ? (o.cellsAsRows() ? "gene_" : "cell_") + (v + 1)
                    : columnName(t, valueCols.get(v)));
        }
        List<String> rowIds = rowIds(t, idCol, o.cellsAsRows());
        int n = t.rows();
        int k = valueCols.size();
        float[] values = new float[n * k];
        for (int i = 0; i < n; i++) { // in reading order, so the first bad value reported is the first in the file
            for (int v = 0; v < k; v++) {
                int j = valueCols.get(v);
                // stored cells x genes: transposed when genes are rows
                values[o.cellsAsRows() ? i * k + v : v * n + i] = value(t, i, j, cols[j], o);
            }
        }
        if (o.cellsAsRows()) {
            GeneNames.Unique genes = GeneNames.makeUnique(valueNames, file);
            addIfAny(warnings, genes.warning());
            metaCols.addAll(textCols);
            return new AnnotatedMatrix(new DenseCellMatrix(n, k, values), genes.names(), rowIds,
                    metadata(t, metaCols, decimal), warnings);
        }
        if (!textCols.isEmpty()) {
            warnings.add(file + ": text column" + (textCols.size() == 1 ? " " : "s ") + labels(t, textCols)
                    + " left out (gene annotations, not cells)" + (idCol >= 0 ? "; gene names come from "
                    + t.label(idCol) : ""));
        }
        unique(valueNames, file, "columns", j -> valueCols.get(j) + 1);
        GeneNames.Unique genes = GeneNames.makeUnique(rowIds, file);
        addIfAny(warnings, genes.warning());
        return new AnnotatedMatrix(new DenseCellMatrix(k, n, values), genes.names(), valueNames,
                CellMetadata.none(k), warnings);
    }

    /** Counts of each {@link Kind} in a column, and the first number, for messages. */
    private record Summary(int numbers, int texts, int missing, int firstNumberRow) {
        static Summary of(TextTable t, int j, char decimal) {
            int numbers = 0;
            int texts = 0;
            int missing = 0;
            int first = -1;
            for (int i = 0; i < t.rows(); i++) {
                Kind kind = TextTable.kind(t.get(i, j), decimal);
                switch (kind) {
                    case NUMBER, NON_FINITE -> {
                        numbers++;
                        first = first < 0 ? i : first;
                    }
                    case TEXT -> texts++;
                    case MISSING -> missing++;
                    default -> {
                    }
                }
            }
            return new Summary(numbers, texts, missing, first);
        }

        /** Labels, not numbers: some text and no number (a stray "3,5" among labels does not make it numbers). */
        boolean isText() {
            return texts > 0 && numbers == 0;
        }
    }

    private static int idColumn(TextTable t, CsvMatrixOptions o, Summary[] cols, List<String> warnings)
            throws DataFileException {
        if (o.idColumn() != null) {
            int j = t.indexOf(o.idColumn());
            if (j < 0) {
                throw new DataFileException(t.file() + " has no column '" + o.idColumn() + "'; columns: "
                        + t.someColumns());
            }
            return j;
        }
        if (t.rowNames()) {
            return 0;
        }
        if (t.columns() < 2 || cols[0].texts() != t.rows()) {
            return -1;
        }
        if (o.cellsAsRows()) {
            // A first column of repeated labels (condition, replicate) is metadata, not cell ids.
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < t.rows(); i++) {
                Integer before = seen.put(t.get(i, 0), i);
                if (before != null) {
                    warnings.add(t.file() + ": the first " + t.label(0) + " repeats '" + t.get(i, 0) + "' (rows "
                            + t.line(before) + " and " + t.line(i) + "), so it is kept as metadata and cells are "
                            + "numbered; name it as the id column to use it as cell ids");
                    return -1;
                }
            }
        }
        return 0;
    }

    private static List<String> rowIds(TextTable t, int idCol, boolean cellsAsRows) throws DataFileException {
        List<String> ids = new ArrayList<>(t.rows());
        for (int i = 0; i < t.rows(); i++) {
            if (idCol < 0) {
                ids.add((cellsAsRows ? "cell_" : "gene_") + (i + 1));
                continue;
            }
            String id = t.get(i, idCol);
            if (id.isEmpty()) {
                throw new DataFileException(t.file() + ", row " + t.line(i) + ": the id " + t.label(idCol)
                        + " is empty");
            }
            ids.add(id);
        }
        if (cellsAsRows && idCol >= 0) {
            unique(ids, t.file(), "rows", t::line);
        }
        return ids;
    }

    /** Cell ids must be unique: anndata's obs_names are, and metadata is joined on them. */
    private static void unique(List<String> ids, Path file, String where,
                               IntUnaryOperator position) throws DataFileException {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            Integer before = seen.put(ids.get(i), i);
            if (before != null) {
                throw new DataFileException(file + ": cell id '" + ids.get(i) + "' appears on " + where + " "
                        + position.applyAsInt(before) + " and " + position.applyAsInt(i) + "; cell ids must be "
                        + "unique");
            }
        }
    }

    private static float value(TextTable t, int i, int j, Summary col, CsvMatrixOptions o)
            throws DataFileException {
        String s = t.get(i, j);
        Kind kind = TextTable.kind(s, o.decimal());
        if (kind == Kind.NUMBER) {
            float f = (float) TextTable.parse(s, o.decimal());
            if (Float.isFinite(f)) {
                return f;
            }
        }
        if (kind == Kind.MISSING && o.fillMissing() != null) {
            return o.fillMissing().floatValue();
        }
        String at = t.file() + ", row " + t.line(i) + ", " + t.label(j);
        throw new DataFileException(switch (kind) {
            case MISSING -> at + " is missing ('" + s + "'); a count matrix has a number in every entry: write the "
                    + "value (0 where the gene was not detected) or remove the row";
            case NUMBER -> at + ": '" + s + "' is too large for a 32-bit float";
            case NON_FINITE -> at + ": '" + s + "' is not a finite number";
            case OTHER_MARK -> o.decimal() == '.'
                    ? at + ": '" + s + "' is not a number with decimal mark '.'; it looks like a decimal comma: "
                    + "choose decimal mark ',' (with a delimiter other than ',': ';' or tab)"
                    : at + ": '" + s + "' is not a number with decimal mark ','; it has a decimal point: choose "
                    + "decimal mark '.'";
            case TEXT -> at + ": '" + s + "' is not a number" + (col.firstNumberRow() >= 0
                    ? " (the column has numbers in other rows, e.g. row " + t.line(col.firstNumberRow()) + ": '"
                    + t.get(col.firstNumberRow(), j) + "')" : "");
        });
    }

    private static CellMetadata metadata(TextTable t, TreeSet<Integer> cols, char decimal)
            throws DataFileException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        Map<String, MetadataType> types = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int j : cols) {
            String name = columnName(t, j);
            Integer before = seen.put(name, j);
            if (before != null) {
                throw new DataFileException(t.file() + ": metadata column '" + name + "' appears twice (columns "
                        + (before + 1) + " and " + (j + 1) + "); rename one");
            }
            TextTable.Column c = TextTable.metadataColumn(t.column(j), decimal);
            values.put(name, c.values());
            types.put(name, c.type());
        }
        return new CellMetadata(t.rows(), values, types);
    }

    /** The header name; pandas' "Unnamed: j" (0-based) for an empty one, "column_j" (1-based) without a header. */
    private static String columnName(TextTable t, int j) {
        if (t.header() == null) {
            return "column_" + (j + 1);
        }
        String h = t.header().get(j);
        return h.isEmpty() ? "Unnamed: " + j : h;
    }

    private static String labels(TextTable t, Iterable<Integer> cols) {
        List<String> out = new ArrayList<>();
        for (int j : cols) {
            out.add("'" + columnName(t, j) + "'");
        }
        return String.join(", ", out);
    }

    private static void addIfAny(List<String> warnings, String w) {
        if (w != null) {
            warnings.add(w);
        }
    }
}

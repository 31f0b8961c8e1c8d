package org.cdgm.engine.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.CellMetadata;
import org.cdgm.engine.data.MetadataType;

/**
 * Joins a cell metadata table (one row per cell, read with {@link TextTable}) onto a matrix by cell id, as
 * {@code adata.obs = df.loc[adata.obs_names]} would in scanpy, but forgiving where that fails: rows for cells not
 * in the matrix are ignored, and cells without a row keep missing metadata with a warning (a left join, as
 * {@code adata.obs.join(df)}; choosing a condition column then leaves them out, counted). A file that matches no cell at all is an error that shows an id from each side and, when it sees
 * one, the fix (10x's "-1" barcode suffix, another id column).
 */
public final class MetadataJoin {
    /** 10x Genomics appends the GEM well to barcodes ("AAACCTGAGAAACCAT-1"); many tables drop it. */
    private static final Pattern WELL_SUFFIX = Pattern.compile("-\\d+$");

    private MetadataJoin() {
    }

    /**
     * @param a        the matrix whose cells are annotated (its metadata is replaced)
     * @param file     delimited text with a header and one row per cell; plain or gzip
     * @param idColumn column holding the cell ids; null for the first column (also an R row-names or unnamed
     *                 first column)
     * @param text     delimiter (0 = detect) and decimal mark ("3,5" with ',' types as the number 3.5); the other
     *                 settings are for matrices and ignored here
     * @return the same matrix, genes and cells in order (cells without a row get missing values), with every
     *         other column of the file as metadata (missing values "", NA, NaN, null, none as null; each column
     *         typed INTEGER, DOUBLE or STRING by {@link TextTable#metadataColumn}) and the warnings of {@code a} plus one
     *         when cells have no row
     * @throws DataFileException when the file cannot be read, lacks the id column, repeats an id, or matches none
     *                           of the cells
     */
    public static AnnotatedMatrix join(AnnotatedMatrix a, Path file, String idColumn, CsvMatrixOptions text)
            throws IOException {
        TextTable t = TextTable.read(file, text.delimiter(), true, text.decimal());
        if (t.rows() == 0) {
            throw new DataFileException(file + " has no data rows");
        }
        int id = idColumn == null ? 0 : t.indexOf(idColumn);
        if (id < 0) {
            throw new DataFileException(file + " has no column '" + idColumn + "'; columns: " + t.someColumns());
        }
        Map<String, Integer> rowOf = new HashMap<>();
        for (int i = 0; i < t.rows(); i++) {
            String cell = t.get(i, id);
            if (cell.isEmpty()) {
                continue; // cannot match a cell
            }
            Integer before = rowOf.put(cell, i);
            if (before != null) {
                throw new DataFileException(file + ": cell '" + cell + "' appears on rows " + t.line(before) + " and "
                        + t.line(i) + " (" + t.label(id) + "); each cell needs one row (is the cell id in another column? "
                        + "choose the metadata id column)");
            }
        }
        List<String> cells = a.cellIds();
        int matched = 0;
        List<Integer> rowOfCell = new ArrayList<>(cells.size()); // -1: no row, metadata missing
        String unmatched = null;
        for (String cell : cells) {
            Integer row = rowOf.get(cell);
            rowOfCell.add(row == null ? -1 : row);
            if (row != null) {
                matched++;
            } else if (unmatched == null) {
                unmatched = cell;
            }
        }
        if (matched == 0) {
            throw new DataFileException(noMatch(t, id, cells, a.genes(), rowOf));
        }
        Map<String, List<String>> columns = new LinkedHashMap<>();
        Map<String, MetadataType> types = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int j = 0; j < t.columns(); j++) {
            if (j == id || (j == 0 && t.rowNames())) {
                continue; // row names beside a named id column are only row numbers
            }
            String name = t.header().get(j).isEmpty() ? "Unnamed: " + j : t.header().get(j);
            Integer before = seen.put(name, j);
            if (before != null) {
                throw new DataFileException(file + ": column '" + name + "' appears twice (columns " + (before + 1)
                        + " and " + (j + 1) + "); rename one");
            }
            List<String> raw = new ArrayList<>(rowOfCell.size());
            for (int row : rowOfCell) {
                raw.add(row < 0 ? "" : t.get(row, j));
            }
            TextTable.Column col = TextTable.metadataColumn(raw, text.decimal());
            columns.put(name, col.values());
            types.put(name, col.type());
        }
        AnnotatedMatrix base = a;
        if (matched < cells.size()) {
            int extra = rowOf.size() - matched;
            base = base.withWarning((cells.size() - matched) + " of " + cells.size() + " cells have no row in "
                    + file + " (e.g. '" + unmatched + "'), so their metadata are missing and they are left out when "
                    + "a condition column is chosen; the file's ids look like '" + exampleOutside(t, id, cells) + "'"
                    + (extra > 0 ? "; " + extra + " of its rows match no cell" : ""));
        }
        return new AnnotatedMatrix(base.matrix(), base.genes(), base.cellIds(),
                new CellMetadata(cells.size(), columns, types), base.warnings());
    }

    /** Why nothing matched, with an id from each side and the fix when one is visible. */
    private static String noMatch(TextTable t, int id, List<String> cells, List<String> genes,
                                  Map<String, Integer> rowOf) {
        String fileId = rowOf.isEmpty() ? "" : t.get(rowOf.values().stream().min(Integer::compare).orElseThrow(), id);
        String msg = t.file() + ": 0 of " + cells.size() + " cells match a row by " + t.label(id)
                + " (cells look like '" + (cells.isEmpty() ? "" : cells.get(0)) + "', the file's ids like '" + fileId
                + "'); ";
        UnaryOperator<String> strip = s -> WELL_SUFFIX.matcher(s).replaceFirst("");
        int stripped = count(cells, c -> rowOf.containsKey(strip.apply(c)));
        if (stripped > 0) {
            return msg + "without their '" + suffix(cells) + "' suffix (10x GEM well) " + stripped + " of "
                    + cells.size() + " barcodes match: remove the suffix from the barcodes or add it to the file's ids";
        }
        Map<String, Integer> strippedFile = new HashMap<>();
        rowOf.forEach((k, v) -> strippedFile.put(strip.apply(k), v));
        int added = count(cells, strippedFile::containsKey);
        if (added > 0) {
            return msg + "the file's ids end with a 10x '-1' style suffix that the cells lack; without it " + added
                    + " of " + cells.size() + " cells match: add it to the barcodes or remove it from the file";
        }
        int asGenes = count(genes, rowOf::containsKey);
        if (asGenes > 0) {
            return msg + "the file's ids match " + asGenes + " of the matrix's " + genes.size() + " gene names, so "
                    + "the matrix was probably read the wrong way round: a table with one row per gene and one "
                    + "column per cell is read with genes as rows (KNIME: untick 'CSV has cells as rows'; ./cdgm: "
                    + "--genes-as-rows)";
        }
        Set<String> cellSet = new HashSet<>(cells);
        for (int j = 0; j < t.columns(); j++) {
            if (j != id) {
                int m = count(new HashSet<>(t.column(j)), cellSet::contains);
                if (m > 0) {
                    return msg + t.label(j) + " matches " + m + " of " + cells.size() + " cells: choose it as the id "
                            + "column";
                }
            }
        }
        return msg + "check that the file belongs to this matrix and names the id column (columns: "
                + t.someColumns() + ")";
    }

    private static int count(Collection<String> ids, Predicate<String> test) {
        int n = 0;
        for (String s : ids) {
            if (test.test(s)) {
                n++;
            }
        }
        return n;
    }

    private static String suffix(List<String> cells) {
        for (String c : cells) {
            var m = WELL_SUFFIX.matcher(c);
            if (m.find()) {
                return m.group();
            }
        }
        return "-1";
    }

    /** A file id that is not a cell (what the file's ids look like), else its first id. */
    private static String exampleOutside(TextTable t, int id, List<String> cells) {
        Set<String> cellSet = new HashSet<>(cells);
        for (int i = 0; i < t.rows(); i++) {
            String v = t.get(i, id);
            if (!v.isEmpty() && !cellSet.contains(v)) {
                return v;
            }
        }
        return t.get(0, id);
    }
}

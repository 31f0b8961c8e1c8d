package org.cdgm.engine.io;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.cdgm.engine.data.MetadataType;

/**
 * A delimited text file (CSV, TSV, semicolon-separated; plain or gzip) read into a header and rows of strings, the
 * one layer under both the expression matrix reader and the cell metadata join. Quoting follows RFC 4180 through
 * Apache Commons CSV; fields are trimmed. The whole table is kept in memory: these are small files (a dense matrix
 * of a few thousand cells, a metadata table).
 *
 * <p>What is smoothed over, and whose convention it is:
 * <ul>
 * <li>a UTF-8 byte order mark (Excel's "CSV UTF-8"), CRLF or CR line ends, empty lines;</li>
 * <li>the delimiter, when not given: among ',', ';' and tab, the one that splits the first lines into the same
 * number (more than one) of fields, the most fields winning; a one-column file falls back to the extension
 * (.tsv/.txt/.tab: tab, else ','); ',' is never detected when it is the decimal mark;</li>
 * <li>R's short header ({@code write.table} with row names): the header has one field fewer than the rows, so the
 * first column holds row names; it gets the empty name "" here;</li>
 * <li>an unnamed first column ("" as pandas' {@code to_csv} writes for its index, "Unnamed: 0" after a round trip
 * through {@code read_csv}): row names too, see {@link #rowNames()};</li>
 * <li>a delimiter at the end of every line, header included (some exporters do it): the empty last column is
 * dropped.</li>
 * </ul>
 * Rows with another number of fields than the header are an error naming the file, the row and both counts.
 * Row numbers in messages ({@link #line(int)}) are 1-based lines of the file, the header being line 1.
 */
public final class TextTable {
    /**
     * Values meaning "missing", compared case-insensitively: pandas' default {@code na_values} (which include R's
     * NA and Excel's #N/A) plus "none".
     */
    private static final Set<String> MISSING = Set.of("", "na", "nan", "null", "none", "n/a", "#n/a", "#n/a n/a",
            "#na", "<na>", "-nan", "-1.#ind", "-1.#qnan", "1.#ind", "1.#qnan");
    private static final Set<String> NON_FINITE = Set.of("inf", "+inf", "-inf", "infinity", "+infinity",
            "-infinity");
    private static final int SAMPLE_RECORDS = 20;

    private final Path file;
    private final char delimiter;
    private final List<String> header;
    private final int headerFields;
    private final boolean rowNames;
    private final List<String[]> rows;
    private final int[] lines;

    private TextTable(Path file, char delimiter, List<String> header, int headerFields, boolean rowNames,
                      List<String[]> rows, int[] lines) {
        this.file = file;
        this.delimiter = delimiter;
        this.header = header;
        this.headerFields = headerFields;
        this.rowNames = rowNames;
        this.rows = rows;
        this.lines = lines;
    }

    /**
     * @param file      the file, plain or gzip (recognised by content)
     * @param delimiter ',', ';' or '\t'; 0 to detect it
     * @param hasHeader whether the first non-empty line names the columns
     * @param decimal   the values' decimal mark, '.' or ','; ',' keeps ',' out of delimiter detection
     * @return the table; without a header {@link #header()} is null
     * @throws DataFileException when the file is missing, empty, not valid gzip or CSV (an unclosed quote), or a
     *                           row has another number of fields than the header (or, without a header, the first
     *                           row)
     */
    public static TextTable read(Path file, char delimiter, boolean hasHeader, char decimal) throws IOException {
        String text = TextFiles.readString(file);
        char d = delimiter != 0 ? delimiter : detectDelimiter(text, file, hasHeader, decimal);
        List<String[]> records = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        // Count matrices are mostly "0", "1", ...: share short values instead of holding millions of copies.
        Map<String, String> shortValues = new HashMap<>();
        try (CSVParser p = format(d).parse(new StringReader(text))) {
            for (CSVRecord rec : p) {
                if (rec.size() == 1 && rec.get(0).isEmpty()) {
                    continue; // a line of blanks
                }
                String[] r = new String[rec.size()];
                for (int j = 0; j < r.length; j++) {
                    String v = rec.get(j);
                    r[j] = v.length() <= 3 ? shortValues.computeIfAbsent(v, k -> k) : v;
                }
                records.add(r);
                starts.add((int) rec.getCharacterPosition());
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new DataFileException(file + " is not valid " + name(d) + " text: " + e.getMessage()
                    + " (an unclosed quote?)", e);
        }
        if (records.isEmpty()) {
            throw new DataFileException(file + " is empty");
        }
        int[] lines = lineNumbers(text, starts);
        dropTrailingEmptyColumn(records);
        List<String> header = null;
        int headerFields = 0;
        boolean shortHeader = false;
        if (hasHeader) {
            String[] h = records.remove(0);
            lines = Arrays.copyOfRange(lines, 1, lines.length);
            headerFields = h.length;
            header = new ArrayList<>(List.of(h));
            // R's write.table(row.names = TRUE): no name above the row names
            if (!records.isEmpty() && records.get(0).length == h.length + 1) {
                header.add(0, "");
                shortHeader = true;
            }
        }
        int width = header != null ? header.size() : records.get(0).length;
        for (int i = 0; i < records.size(); i++) {
            int n = records.get(i).length;
            if (n != width) {
                String expected = header == null ? "the first row has " + width
                        : shortHeader ? "the header has " + headerFields + " and the rows above have " + width
                        + " (R row names)" : "the header has " + width;
                throw new DataFileException(file + ", row " + lines[i] + " has " + n + " field" + (n == 1 ? "" : "s")
                        + ", " + expected + " (delimiter " + name(d) + ")");
            }
        }
        boolean rowNames = header != null && (header.get(0).isEmpty() || header.get(0).equals("Unnamed: 0"));
        return new TextTable(file, d, header == null ? null : List.copyOf(header), headerFields, rowNames, records,
                lines);
    }

    private static CSVFormat format(char delimiter) {
        return CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setTrim(true).setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true).build();
    }

    /** The last column goes when every line, header included, ends with the delimiter. */
    private static void dropTrailingEmptyColumn(List<String[]> records) {
        for (String[] r : records) {
            if (r.length < 2 || !r[r.length - 1].isEmpty()) {
                return;
            }
        }
        records.replaceAll(r -> Arrays.copyOf(r, r.length - 1));
    }

    /** 1-based line of each record's first character (Commons CSV gives the offset before skipped empty lines). */
    private static int[] lineNumbers(String text, List<Integer> starts) {
        int[] out = new int[starts.size()];
        int line = 1;
        int pos = 0;
        for (int i = 0; i < out.length; i++) {
            int start = starts.get(i);
            while (start < text.length() && (text.charAt(start) == '\n' || text.charAt(start) == '\r')) {
                start++;
            }
            for (; pos < start; pos++) {
                char c = text.charAt(pos);
                if (c == '\n' || (c == '\r' && (pos + 1 >= text.length() || text.charAt(pos + 1) != '\n'))) {
                    line++;
                }
            }
            out[i] = line;
        }
        return out;
    }

    /**
     * Tries ',', tab and ';' on the first lines: a candidate fits when every sampled row has the same number n > 1
     * of fields and the header has n (or n - 1, R's short header). Most fields win, then a full header, then the
     * extension's delimiter.
     */
    static char detectDelimiter(String text, Path file, boolean hasHeader, char decimal) {
        char byName = extensionDelimiter(file);
        Set<Character> candidates = new LinkedHashSet<>(List.of(byName, ',', '\t', ';'));
        if (decimal == ',') {
            candidates.remove(',');
        }
        char best = 0;
        int bestFields = 0;
        boolean bestFull = false;
        char widest = 0;
        int widestFields = 1;
        for (char c : candidates) {
            List<Integer> counts = sampleCounts(text, c);
            if (counts == null || counts.isEmpty()) {
                continue;
            }
            if (counts.get(0) > widestFields) {
                widest = c;
                widestFields = counts.get(0);
            }
            int head = counts.get(0);
            int fields = counts.size() > 1 ? counts.get(1) : head;
            boolean same = counts.subList(1, counts.size()).stream().allMatch(n -> n == fields);
            boolean full = head == fields;
            if (!same || fields < 2 || !(full || (hasHeader && head == fields - 1))) {
                continue;
            }
            if (fields > bestFields || (fields == bestFields && full && !bestFull)) {
                best = c;
                bestFields = fields;
                bestFull = full;
            }
        }
        if (best != 0) {
            return best;
        }
        if (widest != 0) {
            return widest; // ragged: split like the first line, so the error names the row that differs
        }
        return byName == ',' && decimal == ',' ? ';' : byName;
    }

    /** Field counts of the first non-empty records, or null when the delimiter leaves a quote unclosed. */
    private static List<Integer> sampleCounts(String text, char delimiter) {
        List<Integer> counts = new ArrayList<>();
        try (CSVParser p = format(delimiter).parse(new StringReader(text))) {
            for (CSVRecord rec : p) {
                if (rec.size() == 1 && rec.get(0).isEmpty()) {
                    continue;
                }
                counts.add(rec.size());
                if (counts.size() == SAMPLE_RECORDS) {
                    break;
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            return null;
        }
        return counts;
    }

    private static char extensionDelimiter(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        return n.endsWith(".tsv") || n.endsWith(".txt") || n.endsWith(".tab") ? '\t' : ',';
    }

    static String name(char delimiter) {
        return delimiter == '\t' ? "tab" : "'" + delimiter + "'";
    }

    public Path file() {
        return file;
    }

    /** The delimiter given or detected. */
    public char delimiter() {
        return delimiter;
    }

    /**
     * Column names in file order, "" for R's unnamed row-names column; null when the file has no header. Names
     * may repeat (a CSV header does not forbid it).
     */
    public List<String> header() {
        return header;
    }

    /** Whether the first column is unnamed row names: R's short header, "" or pandas' "Unnamed: 0". */
    public boolean rowNames() {
        return rowNames;
    }

    /** Number of fields in the header line as written (one fewer than {@link #columns()} for R's short header). */
    int headerFields() {
        return headerFields;
    }

    public int columns() {
        return header != null ? header.size() : rows.isEmpty() ? 0 : rows.get(0).length;
    }

    /** Data rows (the header not counted). */
    public int rows() {
        return rows.size();
    }

    /** The value at a data row and column, trimmed; "" for an empty field. */
    public String get(int row, int column) {
        return rows.get(row)[column];
    }

    /** One column's values, top to bottom (a view). */
    public List<String> column(int column) {
        return new AbstractList<>() {
            @Override
            public String get(int i) {
                return rows.get(i)[column];
            }

            @Override
            public int size() {
                return rows.size();
            }
        };
    }

    /** 1-based line in the file where a data row starts, for messages ("row 5"). */
    public int line(int row) {
        return lines[row];
    }

    /** Index of the first column with this name, or -1. */
    public int indexOf(String name) {
        return header == null ? -1 : header.indexOf(name);
    }

    /** "column 'name'" for messages; "column 3" when there is no name. */
    public String label(int column) {
        return header == null || header.get(column).isEmpty() ? "column " + (column + 1)
                : "column '" + header.get(column) + "'";
    }

    /** Up to 20 column names for "has no column ..." messages. */
    public String someColumns() {
        if (header == null) {
            return "(no header)";
        }
        List<String> shown = header.subList(0, Math.min(header.size(), 20)).stream()
                .map(h -> h.isEmpty() ? "(unnamed)" : h).toList();
        return String.join(", ", shown) + (header.size() > 20 ? ", ... (" + header.size() + " columns)" : "");
    }

    // ---- values -------------------------------------------------------------------------------------------------

    /** What a field holds, judged as R's read.csv and pandas' read_csv would. */
    public enum Kind {
        /** "", NA, NaN, null, none (any case). */
        MISSING,
        /** A finite decimal number with the table's decimal mark (or a whole number). */
        NUMBER,
        /** Inf, -Inf, Infinity: a number to a table program, but not a usable value. */
        NON_FINITE,
        /** A number written with the other decimal mark ("3,5" when the mark is '.', "3.5" when it is ','). */
        OTHER_MARK,
        /** Anything else: a label. */
        TEXT
    }

    public static boolean isMissing(String s) {
        return s.length() <= 9 && MISSING.contains(s.trim().toLowerCase(Locale.ROOT));
    }

    /** @param decimal the decimal mark, '.' or ',' */
    public static Kind kind(String s, char decimal) {
        if (isMissing(s)) {
            return Kind.MISSING;
        }
        if (isNumber(s, decimal)) {
            return Kind.NUMBER;
        }
        if (NON_FINITE.contains(s.toLowerCase(Locale.ROOT))) {
            return Kind.NON_FINITE;
        }
        return isNumber(s, decimal == '.' ? ',' : '.') ? Kind.OTHER_MARK : Kind.TEXT;
    }

    /**
     * A finite number: {@code [+-]digits[<mark>digits][e[+-]digits]}. Stricter than Double.parseDouble, which also
     * takes "1d", hex floats and "Infinity", none of which a table program calls numbers.
     */
    static boolean isNumber(String s, char mark) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && Character.isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == mark) {
            i++;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exp = 0;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return i == n;
    }

    /**
     * The value of a field of kind {@link Kind#NUMBER}, e.g. "3,5" with decimal ',' is 3.5.
     *
     * @throws NumberFormatException when it is not one
     */
    public static double parse(String s, char decimal) {
        if (!isNumber(s, decimal)) {
            throw new NumberFormatException(s);
        }
        return Double.parseDouble(decimal == ',' ? s.replace(',', '.') : s);
    }

    /**
     * A metadata column: values with null for missing, and the type that table programs would give it: INTEGER
     * when every non-missing value is a whole number, DOUBLE when every one is a number, else (or when all are
     * missing) STRING.
     */
    public record Column(List<String> values, MetadataType type) {
    }

    /**
     * Types a metadata column as pandas or KNIME would: missing values become null; with decimal ',' a column of
     * numbers is rewritten with '.' ("3,5" to "3.5") so it types as DOUBLE and parses downstream. A column that
     * is not all numbers is kept as written.
     */
    public static Column metadataColumn(List<String> raw, char decimal) {
        List<String> values = new ArrayList<>(raw.size());
        boolean any = false;
        boolean numbers = true;
        boolean whole = true;
        for (String s : raw) {
            if (isMissing(s)) {
                values.add(null);
            } else {
                values.add(s);
                any = true;
                numbers &= isNumber(s, decimal);
                whole &= numbers && isLong(s);
            }
        }
        if (decimal == ',' && numbers) {
            values.replaceAll(v -> v == null ? null : v.replace(',', '.'));
        }
        MetadataType type = !any || !numbers ? MetadataType.STRING : whole ? MetadataType.INTEGER : MetadataType.DOUBLE;
        return new Column(values, type);
    }

    /** A whole number that fits 64 bits (pandas' int64); "1e3" and "2.0" are decimals, as pandas reads them. */
    private static boolean isLong(String s) {
        try {
            Long.parseLong(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}

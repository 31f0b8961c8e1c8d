package org.cdgm.engine.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
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

/** Joins a cell metadata table onto a matrix by cell id. (Placeholder: moved from TenXReader.) */
public final class MetadataJoin {
    private MetadataJoin() {
    }

    public static AnnotatedMatrix join(AnnotatedMatrix a, Path csv, String idColumn, CsvMatrixOptions text)
            throws IOException {
        List<String> cells = a.cellIds();
        Map<String, Integer> rowOf = new HashMap<>();
        List<CSVRecord> records;
        List<String> header;
        try (Reader r = TextFiles.open(csv);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).build()
                     .parse(r)) {
            header = p.getHeaderNames();
            records = p.getRecords();
        } catch (ZipException | EOFException e) {
            throw new DataFileException(csv + " is truncated or not valid gzip (" + e.getMessage() + ")", e);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new DataFileException(csv + " is not a valid CSV file: " + e.getMessage(), e);
        }
        String id = idColumn == null ? header.get(0) : idColumn;
        if (!header.contains(id)) {
            throw new DataFileException(csv + " has no column '" + id + "'; columns: " + String.join(", ", header));
        }
        for (int i = 0; i < records.size(); i++) {
            Integer before = rowOf.put(records.get(i).get(id), i);
            if (before != null) {
                throw new DataFileException(csv + ": cell '" + records.get(i).get(id) + "' appears on rows "
                        + (before + 2) + " and " + (i + 2));
            }
        }
        Map<String, List<String>> columns = new LinkedHashMap<>();
        for (String h : header) {
            if (!h.equals(id)) {
                columns.put(h, new ArrayList<>(cells.size()));
            }
        }
        for (String cell : cells) {
            Integer row = rowOf.get(cell);
            if (row == null) {
                throw new DataFileException(csv + " has no row for cell '" + cell + "' (column '" + id + "')");
            }
            CSVRecord rec = records.get(row);
            for (Map.Entry<String, List<String>> e : columns.entrySet()) {
                e.getValue().add(rec.get(e.getKey()));
            }
        }
        return new AnnotatedMatrix(a.matrix(), a.genes(), cells, new CellMetadata(cells.size(), columns),
                a.warnings());
    }
}

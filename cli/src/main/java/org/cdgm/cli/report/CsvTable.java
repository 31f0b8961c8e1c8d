package org.cdgm.cli.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.cdgm.engine.io.AtomicFiles;

/** A header and rows of values, written as RFC 4180 CSV. Written to a temporary file first, then moved. */
public final class CsvTable {
    private final List<String> header;
    private final List<List<Object>> rows = new ArrayList<>();

    public CsvTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    public CsvTable add(List<?> row) {
        if (row.size() != header.size()) {
            throw new IllegalArgumentException("Row has " + row.size() + " values for " + header.size() + " columns");
        }
        rows.add(new ArrayList<>(row));
        return this;
    }

    public List<String> header() {
        return header;
    }

    public List<List<Object>> rows() {
        return rows;
    }

    /** Writes atomically: a reader never sees a half-written file. */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, w -> {
            CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new))
                    .build());
            for (List<Object> r : rows) {
                p.printRecord(r);
            }
            p.flush();
        });
    }
}

package org.cdgm.engine.testdata;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** The read-only real data sets in ../shared/data beside the project (see ../shared/data/README.md). */
public final class SharedData {
    private SharedData() {
    }

    public static Path root() {
        Path p = Path.of(System.getProperty("cdgm.shared.data", "../shared/data")).toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("Shared test data not found at " + p + ": the tests expect the project's "
                    + "shared/ folder beside the repository (../shared/data)");
        }
        return p;
    }

    /** A headerless numeric CSV as rows. */
    public static double[][] numericCsv(Path file) throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.parse(r)) {
                double[] row = new double[rec.size()];
                for (int j = 0; j < row.length; j++) {
                    row[j] = Double.parseDouble(rec.get(j).trim());
                }
                rows.add(row);
            }
        }
        return rows.toArray(double[][]::new);
    }
}

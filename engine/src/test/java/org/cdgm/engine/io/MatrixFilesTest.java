package org.cdgm.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.testdata.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatrixFilesTest {
    @TempDir
    Path dir;

    @Test
    void autoFormatFollowsThePath() throws Exception {
        assertEquals(MatrixFormat.TEN_X, MatrixFormat.AUTO.resolve(dir));
        assertEquals(MatrixFormat.H5AD, MatrixFormat.AUTO.resolve(dir.resolve("x.H5AD")));
        assertEquals(MatrixFormat.CSV, MatrixFormat.AUTO.resolve(dir.resolve("x.tsv.gz")));
        assertEquals(MatrixFormat.H5AD, MatrixFormat.H5AD.resolve(dir.resolve("x.csv")), "explicit wins");
        DataFileException e = assertThrows(DataFileException.class,
                () -> MatrixFormat.AUTO.resolve(dir.resolve("counts.xlsx")));
        assertTrue(e.getMessage().contains("choose the format explicitly"), e.getMessage());
    }

    @Test
    void readsTheScreenFromBothFormatsAlike() throws Exception {
        Path screen = SharedData.root().resolve("papalexi2021_lowmoi");
        AnnotatedMatrix tenx = MatrixFiles.read(new MatrixReadRequest(screen, MatrixFormat.AUTO, null,
                screen.resolve("cell_metadata.csv"), null, MatrixReadRequest.of(screen).csv()));
        AnnotatedMatrix h5ad = MatrixFiles.read(MatrixReadRequest.of(screen.resolve(
                "papalexi2021_lowmoi_299genes.h5ad")));
        assertEquals(h5ad.genes(), tenx.genes());
        assertEquals(h5ad.matrix().cells(), tenx.matrix().cells());
        assertEquals(h5ad.metadata().column("condition"), tenx.metadata().column("condition"));
    }

    @Test
    void csvAndMissingFiles() throws Exception {
        Path csv = dir.resolve("m.csv");
        Files.writeString(csv, "cell,A,B\nc1,1,2\nc2,0,5\n");
        AnnotatedMatrix m = MatrixFiles.read(new MatrixReadRequest(csv, MatrixFormat.AUTO, null, null, null,
                CsvMatrixOptions.cellsAsRows("cell")));
        assertEquals(java.util.List.of("c1", "c2"), m.cellIds());
        assertEquals(2, m.matrix().cells());
        assertEquals(5.0, m.matrix().get(1, 1), 0);
        DataFileException e = assertThrows(DataFileException.class,
                () -> MatrixFiles.read(MatrixReadRequest.of(dir.resolve("none.h5ad"))));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
}

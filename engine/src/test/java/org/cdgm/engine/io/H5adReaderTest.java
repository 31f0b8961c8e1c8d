package org.cdgm.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.CellMatrix;
import org.cdgm.engine.testdata.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H5adReaderTest {
    private static Path dir;
    private static AnnotatedMatrix h5ad;
    private static AnnotatedMatrix tenx;

    @BeforeAll
    static void readBoth() throws Exception {
        dir = SharedData.root().resolve("papalexi2021_lowmoi");
        long t0 = System.nanoTime();
        h5ad = H5adReader.read(dir.resolve("papalexi2021_lowmoi_299genes.h5ad"), null);
        System.out.printf("H5adReaderTest: read the Papalexi h5ad in %.2f s%n", (System.nanoTime() - t0) / 1e9);
        tenx = TenXReader.read(dir, dir.resolve("cell_metadata.csv"), "barcode");
    }

    @Test
    void h5adAndTenXGiveTheSameMatrixGenesCellsAndMetadata() {
        assertEquals(tenx.genes(), h5ad.genes());
        assertEquals(tenx.cellIds(), h5ad.cellIds());
        assertSameMatrix(tenx.matrix(), h5ad.matrix());
        for (String column : new String[] {"bio_rep", "grna_id", "grna_target", "condition", "grna_max_umi",
            "grna_total_umi", "n_umi_299genes"}) {
            assertEquals(tenx.metadata().column(column), h5ad.metadata().column(column), column);
        }
    }

    @Test
    void countsLayerEqualsX() throws Exception {
        AnnotatedMatrix counts = H5adReader.read(dir.resolve("papalexi2021_lowmoi_299genes.h5ad"), "counts");
        assertSameMatrix(h5ad.matrix(), counts.matrix());
    }

    private static void assertSameMatrix(CellMatrix a, CellMatrix b) {
        assertEquals(a.cells(), b.cells());
        assertEquals(a.genes(), b.genes());
        float[] ra = new float[a.genes() * 64];
        float[] rb = new float[a.genes() * 64];
        for (int start = 0; start < a.cells(); start += 64) {
            int n = Math.min(64, a.cells() - start);
            int[] rows = java.util.stream.IntStream.range(start, start + n).toArray();
            a.copyRows(rows, ra);
            b.copyRows(rows, rb);
            for (int k = 0; k < n * a.genes(); k++) {
                if (ra[k] != rb[k]) {
                    throw new AssertionError("cell " + (start + k / a.genes()) + ", gene " + (k % a.genes()) + ": "
                            + ra[k] + " vs " + rb[k]);
                }
            }
        }
    }

    @TempDir
    Path tmp;

    @Test
    void missingLayerListsTheAvailableOnes() {
        DataFileException e = assertThrows(DataFileException.class,
                () -> H5adReader.read(dir.resolve("papalexi2021_lowmoi_299genes.h5ad"), "spliced"));
        assertTrue(e.getMessage().contains("has no layers/spliced layer; available layers: counts"), e.getMessage());
    }

    @Test
    void hdf5WithoutXOrWithoutVarIsNamed() throws Exception {
        Path noX = tmp.resolve("no-x.h5ad");
        try (io.jhdf.WritableHdfFile w = io.jhdf.HdfFile.write(noX)) {
            w.putGroup("obs");
            w.putGroup("var");
        }
        DataFileException e = assertThrows(DataFileException.class, () -> H5adReader.read(noX, null));
        assertTrue(e.getMessage().contains("no-x.h5ad has no X matrix; available layers: none"), e.getMessage());
        Path noVar = tmp.resolve("no-var.h5ad");
        try (io.jhdf.WritableHdfFile w = io.jhdf.HdfFile.write(noVar)) {
            w.putDataset("X", new float[][] {{1, 2}, {3, 4}});
            w.putGroup("obs");
        }
        e = assertThrows(DataFileException.class, () -> H5adReader.read(noVar, null));
        assertTrue(e.getMessage().contains("has no 'var' table"), e.getMessage());
    }

    @Test
    void nonHdf5FileIsNamed() throws Exception {
        Path f = tmp.resolve("fake.h5ad");
        Files.writeString(f, "barcode,condition\ncell_1,target\n");
        DataFileException e = assertThrows(DataFileException.class, () -> H5adReader.read(f, null));
        assertTrue(e.getMessage().contains("fake.h5ad is not a readable HDF5/h5ad file"), e.getMessage());
        e = assertThrows(DataFileException.class, () -> H5adReader.read(tmp.resolve("none.h5ad"), null));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
}

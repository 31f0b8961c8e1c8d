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

    // ---- files in the anndata on-disk layout, written with jHDF (what anndata >= 0.8 writes, element by element)

    private static void frame(io.jhdf.api.WritableGroup g, String index) {
        g.putAttribute("encoding-type", "dataframe");
        g.putAttribute("encoding-version", "0.2.0");
        g.putAttribute("_index", index);
        // column-order is left out: jHDF 0.8.2 writes string-array attributes of unequal lengths garbled (the
        // reader then takes the children in file order; the Papalexi file above covers a real column-order)
    }

    private static io.jhdf.api.WritableGroup encoded(io.jhdf.api.WritableGroup parent, String name, String type) {
        io.jhdf.api.WritableGroup g = parent.putGroup(name);
        g.putAttribute("encoding-type", type);
        g.putAttribute("encoding-version", "0.1.0");
        return g;
    }

    private static void strings(io.jhdf.api.WritableGroup parent, String name, String... values) {
        parent.putDataset(name, values).putAttribute("encoding-type", "string-array");
    }

    private static void csr(io.jhdf.api.WritableGroup parent, String name, int[] shape, long[] indptr, Object indices,
                            float[] data) {
        io.jhdf.api.WritableGroup x = encoded(parent, name, "csr_matrix");
        x.putAttribute("shape", shape);
        x.putDataset("indptr", indptr);
        x.putDataset("indices", indices);
        x.putDataset("data", data);
    }

    /** 3 cells x 2 genes; obs with a categorical condition whose third code is -1 (missing). */
    private Path anndata(String name, java.util.function.Consumer<io.jhdf.WritableHdfFile> matrices) throws Exception {
        Path f = tmp.resolve(name);
        try (io.jhdf.WritableHdfFile w = io.jhdf.HdfFile.write(f)) {
            w.putAttribute("encoding-type", "anndata");
            w.putAttribute("encoding-version", "0.1.0");
            io.jhdf.api.WritableGroup obs = w.putGroup("obs");
            frame(obs, "cell");
            strings(obs, "cell", "c1", "c2", "c3");
            io.jhdf.api.WritableGroup cond = encoded(obs, "condition", "categorical");
            cond.putDataset("codes", new byte[] {0, 1, -1});
            strings(cond, "categories", "background", "target");
            obs.putDataset("n_genes", new long[] {2, 1, 1}).putAttribute("encoding-type", "array");
            obs.putDataset("score", new double[] {0.5, Double.NaN, 1.5}).putAttribute("encoding-type", "array");
            io.jhdf.api.WritableGroup umi = encoded(obs, "guide_umi", "nullable-integer");
            umi.putDataset("values", new int[] {7, 0, 3});
            umi.putDataset("mask", new boolean[] {false, true, false});
            io.jhdf.api.WritableGroup var = w.putGroup("var");
            frame(var, "_index");
            io.jhdf.api.WritableGroup index = encoded(var, "_index", "nullable-string-array");
            index.putDataset("values", new String[] {"G1", "G2"});
            index.putDataset("mask", new boolean[] {false, false});
            matrices.accept(w);
        }
        return f;
    }

    @Test
    void elementsAreReadByTheirEncoding() throws Exception {
        // int64 indices, row 0 unsorted with a repeated index: read with duplicates summed, as scipy does
        Path f = anndata("enc.h5ad", w -> csr(w, "X", new int[] {3, 2}, new long[] {0, 3, 4, 5},
                new long[] {1, 0, 1, 0, 1}, new float[] {1, 2, 3, 4, 5}));
        AnnotatedMatrix a = H5adReader.read(f, null);
        assertEquals(java.util.List.of("G1", "G2"), a.genes());
        assertEquals(java.util.List.of("c1", "c2", "c3"), a.cellIds());
        assertEquals(2.0, a.matrix().get(0, 0));
        assertEquals(4.0, a.matrix().get(0, 1));
        assertEquals(5.0, a.matrix().get(2, 1));
        assertEquals(java.util.Arrays.asList("background", "target", null), a.metadata().column("condition"));
        assertEquals(org.cdgm.engine.data.MetadataType.INTEGER, a.metadata().type("n_genes"));
        assertEquals(java.util.Arrays.asList("0.5", null, "1.5"), a.metadata().column("score"));
        assertEquals(org.cdgm.engine.data.MetadataType.DOUBLE, a.metadata().type("score"));
        assertEquals(java.util.Arrays.asList("7", null, "3"), a.metadata().column("guide_umi"));
        assertEquals(org.cdgm.engine.data.MetadataType.INTEGER, a.metadata().type("guide_umi"));
    }

    @Test
    void missingConditionIsNeverTarget() throws Exception {
        Path f = anndata("cond.h5ad", w -> csr(w, "X", new int[] {3, 2}, new long[] {0, 1, 2, 3},
                new long[] {0, 1, 1}, new float[] {1, 2, 3}));
        org.cdgm.engine.preprocess.PreparedCells p = org.cdgm.engine.preprocess.CellPreparation.prepare(
                H5adReader.read(f, null), new org.cdgm.engine.preprocess.PreparationSettings("condition",
                        java.util.Set.of("background"), null, 0, 0, 0));
        assertEquals(1, p.background());
        assertEquals(1, p.target());
        assertEquals(1, p.dropped());
        assertTrue(p.warnings().contains("1 cell has no value in 'condition' (missing) and was left out"),
                p.warnings().toString());
    }

    @Test
    void rawCountsAreReadAsLayerRawAndNamedWhenXIsNormalised() throws Exception {
        Path f = anndata("raw.h5ad", w -> {
            w.putDataset("X", new float[][] {{0.69f, 1.1f}, {0, 0.69f}, {0.69f, 0}}).putAttribute("encoding-type",
                    "array");
            io.jhdf.api.WritableGroup raw = encoded(w, "raw", "raw");
            csr(raw, "X", new int[] {3, 3}, new long[] {0, 2, 3, 4}, new int[] {0, 1, 2, 2}, new float[] {1, 2, 1, 6});
            io.jhdf.api.WritableGroup rawVar = raw.putGroup("var");
            frame(rawVar, "_index");
            strings(rawVar, "_index", "G1", "G2", "MT-1");
        });
        AnnotatedMatrix x = H5adReader.read(f, null);
        assertTrue(x.warnings().stream().anyMatch(w -> w.contains("X holds non-integer values")
                && w.contains("raw/X holds whole-number counts") && w.contains("read layer 'raw'")), x.warnings().toString());
        AnnotatedMatrix raw = H5adReader.read(f, "raw");
        assertEquals(java.util.List.of("G1", "G2", "MT-1"), raw.genes());
        assertEquals(2.0, raw.matrix().get(0, 1));
        assertEquals(6.0, raw.matrix().get(2, 2));
    }

    @Test
    void nullXNamesTheLayersThatHoldCounts() throws Exception {
        Path f = anndata("nullx.h5ad", w -> {
            encoded(w, "X", "null");
            io.jhdf.api.WritableGroup layers = encoded(w, "layers", "dict");
            csr(layers, "counts", new int[] {3, 2}, new long[] {0, 1, 2, 3}, new long[] {0, 1, 1},
                    new float[] {1, 2, 3});
        });
        DataFileException e = assertThrows(DataFileException.class, () -> H5adReader.read(f, null));
        assertTrue(e.getMessage().contains("has X stored as null") && e.getMessage().contains("available layers: counts"),
                e.getMessage());
        assertEquals(3.0, H5adReader.read(f, "counts").matrix().get(2, 1));
    }

    @Test
    void cscMatrixAndFeatureTypesInVar() throws Exception {
        Path f = tmp.resolve("csc.h5ad");
        try (io.jhdf.WritableHdfFile w = io.jhdf.HdfFile.write(f)) {
            io.jhdf.api.WritableGroup obs = w.putGroup("obs");
            frame(obs, "_index");
            strings(obs, "_index", "c1", "c2");
            io.jhdf.api.WritableGroup var = w.putGroup("var");
            frame(var, "_index");
            strings(var, "_index", "G1", "CD3", "G2");
            io.jhdf.api.WritableGroup types = encoded(var, "feature_types", "categorical");
            types.putDataset("codes", new byte[] {0, 1, 0});
            strings(types, "categories", "Gene Expression", "Antibody Capture");
            // columns G1: c2 = 5; CD3: c1 = 8; G2: c1 = 1
            io.jhdf.api.WritableGroup x = encoded(w, "X", "csc_matrix");
            x.putAttribute("shape", new int[] {2, 3});
            x.putDataset("indptr", new int[] {0, 1, 2, 3});
            x.putDataset("indices", new int[] {1, 0, 0});
            x.putDataset("data", new float[] {5, 8, 1});
        }
        AnnotatedMatrix a = H5adReader.read(f, null);
        assertEquals(java.util.List.of("G1", "G2"), a.genes());
        assertEquals(5.0, a.matrix().get(1, 0));
        assertEquals(1.0, a.matrix().get(0, 1));
    }

    @Test
    void filesFromAnndataBefore07AreRefusedWithTheFix() throws Exception {
        Path f = tmp.resolve("old.h5ad");
        try (io.jhdf.WritableHdfFile w = io.jhdf.HdfFile.write(f)) {
            w.putDataset("X", new float[][] {{1}});
            w.putDataset("obs", new int[] {0});
            w.putDataset("var", new int[] {0});
        }
        DataFileException e = assertThrows(DataFileException.class, () -> H5adReader.read(f, null));
        assertTrue(e.getMessage().contains("written by anndata older than 0.7") && e.getMessage().contains(
                "write_h5ad"), e.getMessage());
    }

    @Test
    void sparseSizesAreCheckedBeforeReading() throws Exception {
        Path f = anndata("short.h5ad", w -> csr(w, "X", new int[] {3, 2}, new long[] {0, 1, 2},
                new long[] {0, 1}, new float[] {1, 2}));
        DataFileException e = assertThrows(DataFileException.class, () -> H5adReader.read(f, null));
        assertTrue(e.getMessage().contains("indptr has 3 entries, expected 4"), e.getMessage());
    }
}

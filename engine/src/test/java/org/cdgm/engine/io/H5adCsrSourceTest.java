package org.cdgm.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.CellMatrix;
import org.cdgm.engine.data.CsrRows;
import org.cdgm.engine.data.OnDiskCellMatrix;
import org.cdgm.engine.data.RowBlockSource;
import org.cdgm.engine.testdata.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H5adCsrSourceTest {
    @TempDir
    Path dir;

    /** Random counts, about a fifth non-zero, some rows empty. */
    static CsrRows randomRows(int n, int genes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] start = new int[n + 1];
        List<Integer> g = new ArrayList<>();
        List<Float> v = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < genes; j++) {
                if (i % 7 != 3 && rng.nextInt(5) == 0) {
                    g.add(j);
                    v.add((float) (1 + rng.nextInt(20)));
                }
            }
            start[i + 1] = g.size();
        }
        float[] values = new float[v.size()];
        for (int k = 0; k < values.length; k++) {
            values[k] = v.get(k);
        }
        return new CsrRows(genes, start, g.stream().mapToInt(Integer::intValue).toArray(), values);
    }

    static Path write(Path file, CsrRows rows) throws Exception {
        H5adCsrWriter.write(file, rows, IntStream.range(0, rows.rows()).mapToObj(i -> "c" + i).toList(),
                IntStream.range(0, rows.genes()).mapToObj(j -> "g" + j).toList());
        return file;
    }

    private static void assertSameRows(CellMatrix expected, CellMatrix actual) {
        assertEquals(expected.cells(), actual.cells());
        assertEquals(expected.genes(), actual.genes());
        int g = expected.genes();
        float[] a = new float[g];
        float[] b = new float[g];
        for (int i = 0; i < expected.cells(); i++) {
            expected.copyRows(new int[] {i}, a);
            actual.copyRows(new int[] {i}, b);
            assertArrayEquals(a, b, "row " + i);
        }
    }

    @Test
    void chunkedRowsOfAWrittenFileEqualTheInMemoryReader() throws Exception {
        Path file = write(dir.resolve("cells.h5ad"), randomRows(103, 17, 1));
        AnnotatedMatrix whole = H5adReader.read(file, null);
        try (H5adCsrSource src = H5adCsrSource.open(file, null);
             OnDiskCellMatrix m = new OnDiskCellMatrix(List.of(src), 10, 1 << 20)) {
            assertEquals(whole.genes(), src.geneNames());
            assertSameRows(whole.matrix(), m);
            assertEquals(11, m.chunks());
        }
    }

    @Test
    void theScreenFixturesChunkedArraysAreRefusedWithWhatToDo() {
        Path file = SharedData.root().resolve("papalexi2021_lowmoi").resolve("papalexi2021_lowmoi_299genes.h5ad");
        DataFileException e = assertThrows(DataFileException.class, () -> H5adCsrSource.open(file, null));
        assertTrue(e.getMessage().startsWith(file + ": X/data is stored in HDF5 chunks"), e.getMessage());
        assertTrue(e.getMessage().contains("Rewrite X/data and X/indices as contiguous arrays"), e.getMessage());
    }

    @Test
    void theScreenFixtureRewrittenContiguousReadsBackRowForRow() throws Exception {
        Path fixture = SharedData.root().resolve("papalexi2021_lowmoi").resolve("papalexi2021_lowmoi_299genes.h5ad");
        AnnotatedMatrix whole = H5adReader.read(fixture, null);
        CellMatrix m = whole.matrix();
        int g = m.genes();
        int[] start = new int[m.cells() + 1];
        List<Integer> genes = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        float[] row = new float[g];
        for (int i = 0; i < m.cells(); i++) {
            m.copyRows(new int[] {i}, row);
            for (int j = 0; j < g; j++) {
                if (row[j] != 0) {
                    genes.add(j);
                    values.add(row[j]);
                }
            }
            start[i + 1] = genes.size();
        }
        float[] v = new float[values.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = values.get(k);
        }
        Path file = dir.resolve("screen.h5ad");
        H5adCsrWriter.write(file, new CsrRows(g, start, genes.stream().mapToInt(Integer::intValue).toArray(), v),
                whole.cellIds(), whole.genes());
        try (H5adCsrSource src = H5adCsrSource.open(file, null);
             OnDiskCellMatrix onDisk = new OnDiskCellMatrix(List.of(src), 4096, 16L << 20)) {
            assertEquals(whole.genes(), src.geneNames());
            assertSameRows(m, onDisk);
            assertTrue(onDisk.maxResidentBytes() <= 16L << 20);
        }
    }

    @Test
    void shardsConcatenateInOrder() throws Exception {
        CsrRows a = randomRows(30, 9, 2);
        CsrRows b = randomRows(25, 9, 3);
        Path fa = write(dir.resolve("a.h5ad"), a);
        Path fb = write(dir.resolve("b.h5ad"), b);
        try (OnDiskCellMatrix m = new OnDiskCellMatrix(List.of(H5adCsrSource.open(fa, null),
                H5adCsrSource.open(fb, null)), 8, 1 << 20)) {
            assertEquals(55, m.cells());
            assertEquals(4 + 4, m.chunks()); // chunks never span two files
            float[] row = new float[9];
            float[] want = new float[9];
            m.copyRows(new int[] {30 + 24}, row);
            b.copyRow(24, want, 0);
            assertArrayEquals(want, row);
        }
    }

    @Test
    void aBudgetBelowOneChunkIsRefusedNamingTheSettingAndFile() throws Exception {
        Path file = write(dir.resolve("cells.h5ad"), randomRows(100, 50, 4));
        try (H5adCsrSource src = H5adCsrSource.open(file, null)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new OnDiskCellMatrix(List.of(src), 50, 1000));
            assertTrue(e.getMessage().startsWith("The memory budget (1.0 KiB) is smaller than one chunk of 50 cells"), e.getMessage());
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("raise the memory budget to at least"), e.getMessage());
            // a chunk size above the file's cells: the chunk named is the one there is, of the file's 100 cells
            IllegalArgumentException whole = assertThrows(IllegalArgumentException.class,
                    () -> new OnDiskCellMatrix(List.of(src), 16_384, 1000));
            assertTrue(whole.getMessage().contains("smaller than one chunk of 100 cells"), whole.getMessage());
        }
    }

    @Test
    void aDenseXIsRefusedNamingTheFile() throws Exception {
        Path file = dir.resolve("dense.h5ad");
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            h5.putDataset("X", new float[][] {{1, 2}, {3, 4}});
            h5.putGroup("obs");
            h5.putGroup("var");
        }
        DataFileException e = assertThrows(DataFileException.class, () -> H5adCsrSource.open(file, null));
        assertTrue(e.getMessage().startsWith(file + ": X is stored as dense array; out-of-core training reads "
                + "cells as compressed sparse rows"), e.getMessage());
    }

    @Test
    void aMissingLayerIsNamed() throws Exception {
        Path file = write(dir.resolve("cells.h5ad"), randomRows(5, 3, 5));
        DataFileException e = assertThrows(DataFileException.class, () -> H5adCsrSource.open(file, "counts"));
        assertEquals(file + " has no layers/counts", e.getMessage());
    }

    @Test
    void readsOnlyTheRequestedRows() throws Exception {
        CsrRows rows = randomRows(40, 12, 6);
        Path file = write(dir.resolve("cells.h5ad"), rows);
        try (RowBlockSource src = H5adCsrSource.open(file, null)) {
            CsrRows block = src.read(13, 27);
            assertEquals(14, block.rows());
            assertEquals(src.nonZeros(13, 27), block.values().length);
            for (int i = 0; i < 14; i++) {
                for (int j = 0; j < 12; j++) {
                    assertEquals(rows.get(13 + i, j), block.get(i, j));
                }
            }
        }
    }
}

package org.cdgm.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;

/** Cell Ranger HDF5 files built with jHDF in the layout Cell Ranger 3+ and 2 write. */
class TenXH5ReaderTest {
    @TempDir
    Path tmp;

    /**
     * 3 features (G1, G2 gene expression; CD3 antibody) x 2 cells, column-compressed by cell:
     * cell c1: G1 = 4, CD3 = 9; cell c2: G2 = 7, then a repeated G2 entry of 1 (summed to 8).
     */
    private Path v3(String name, long[] indptr) throws Exception {
        Path f = tmp.resolve(name);
        try (WritableHdfFile w = HdfFile.write(f)) {
            WritableGroup m = w.putGroup("matrix");
            m.putDataset("barcodes", new String[] {"c1-1", "c2-1"});
            m.putDataset("data", new int[] {4, 9, 7, 1});
            m.putDataset("indices", new long[] {0, 2, 1, 1});
            m.putDataset("indptr", indptr);
            m.putDataset("shape", new int[] {3, 2});
            WritableGroup features = m.putGroup("features");
            features.putDataset("id", new String[] {"E1", "E2", "AB1"});
            features.putDataset("name", new String[] {"G1", "G2", "CD3"});
            features.putDataset("feature_type", new String[] {"Gene Expression", "Gene Expression",
                "Antibody Capture"});
            features.putDataset("genome", new String[] {"GRCh38", "GRCh38", ""});
        }
        return f;
    }

    @Test
    void cellRanger3KeepsGeneExpressionAndSumsRepeats() throws Exception {
        Path f = v3("filtered_feature_bc_matrix.h5", new long[] {0, 2, 4});
        AnnotatedMatrix m = MatrixFiles.read(MatrixReadRequest.of(f));
        assertEquals(List.of("G1", "G2"), m.genes());
        assertEquals(List.of("c1-1", "c2-1"), m.cellIds());
        assertEquals(4.0, m.matrix().get(0, 0));
        assertEquals(8.0, m.matrix().get(1, 1));
        assertTrue(m.warnings().get(0).contains("Antibody Capture (1)"), m.warnings().toString());
        MatrixReadRequest all = new MatrixReadRequest(f, MatrixFormat.TEN_X_H5, null, null, null, Set.of("all"),
                CsvMatrixOptions.defaults());
        AnnotatedMatrix everything = MatrixFiles.read(all);
        assertEquals(List.of("G1", "G2", "CD3"), everything.genes());
        assertEquals(9.0, everything.matrix().get(0, 2));
    }

    @Test
    void cellRanger2GenomeGroupIsRead() throws Exception {
        Path f = tmp.resolve("v2.h5");
        try (WritableHdfFile w = HdfFile.write(f)) {
            WritableGroup g = w.putGroup("GRCh38");
            g.putDataset("barcodes", new String[] {"AAAC-1"});
            g.putDataset("data", new int[] {3});
            g.putDataset("indices", new long[] {1});
            g.putDataset("indptr", new long[] {0, 1});
            g.putDataset("shape", new int[] {2, 1});
            g.putDataset("genes", new String[] {"E1", "E2"});
            g.putDataset("gene_names", new String[] {"TBCE", "TBCE"});
        }
        AnnotatedMatrix m = MatrixFiles.read(MatrixReadRequest.of(f));
        assertEquals(List.of("TBCE", "TBCE-1"), m.genes());
        assertEquals(3.0, m.matrix().get(0, 1));
    }

    @Test
    void inconsistentOrForeignFilesAreNamed() throws Exception {
        Path bad = v3("bad.h5", new long[] {0, 2, 5});
        DataFileException e = assertThrows(DataFileException.class, () -> MatrixFiles.read(MatrixReadRequest.of(bad)));
        assertTrue(e.getMessage().contains("bad.h5: /matrix") && e.getMessage().contains("indptr runs from 0 to 5"),
                e.getMessage());
        Path anndata = tmp.resolve("adata.h5");
        try (WritableHdfFile w = HdfFile.write(anndata)) {
            w.putDataset("X", new float[][] {{1}});
            w.putGroup("obs");
        }
        e = assertThrows(DataFileException.class, () -> MatrixFiles.read(MatrixReadRequest.of(anndata)));
        assertTrue(e.getMessage().contains("looks like an AnnData file: choose the h5ad format"), e.getMessage());
    }
}

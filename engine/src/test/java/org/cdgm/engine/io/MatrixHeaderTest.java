package org.cdgm.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.data.MetadataType;
import org.cdgm.engine.preprocess.CellPreparation;
import org.cdgm.engine.preprocess.PreparationSettings;
import org.cdgm.engine.testdata.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MatrixFiles#readHeader}: the genes, cells and metadata of a read, without the counts. */
class MatrixHeaderTest {
    @TempDir
    Path dir;

    private static Path screen() {
        return SharedData.root().resolve("papalexi2021_lowmoi");
    }

    private static MatrixReadRequest withMetadata(Path path, Path metadata) {
        return new MatrixReadRequest(path, MatrixFormat.AUTO, null, metadata, null, Set.of(),
                CsvMatrixOptions.defaults());
    }

    @Test
    void tenXFolderHeaderMatchesTheReadWithMetadataAndOfferedValues() throws Exception {
        MatrixReadRequest r = withMetadata(screen(), screen().resolve("cell_metadata.csv"));
        MatrixHeader h = MatrixFiles.readHeader(r);
        AnnotatedMatrix a = MatrixFiles.read(r);
        assertEquals(a.genes(), h.genes());
        assertEquals(a.cellIds(), h.cellIds());
        assertEquals(299, h.genes().size());
        assertEquals(20729, h.cells());
        assertEquals(a.metadata().columnNames(), h.metadata().columnNames());
        for (String c : h.metadata().columnNames()) {
            assertEquals(a.metadata().type(c), h.metadata().type(c), c);
        }
        assertEquals(MetadataType.INTEGER, h.metadata().type("grna_max_umi"));
        assertEquals(Optional.of(List.of("target", "background")), h.distinctValues("condition", 1000));
        List<String> targets = h.distinctValues("grna_target", 1000).orElseThrow();
        assertTrue(targets.contains("non-targeting") && targets.contains("STAT2"), targets.toString());
        assertEquals(Optional.empty(), h.distinctValues("grna_target", 5), "more values than the limit");
        assertEquals(Optional.empty(), h.distinctValues("grna_max_umi", 1000), "numbers are not offered");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> h.distinctValues("guide", 10));
        assertTrue(e.getMessage().startsWith("No cell metadata column 'guide'; available: bio_rep, grna_id"),
                e.getMessage());
    }

    @Test
    void theConditionIsCheckedFromTheHeaderWithTheValuesPresent() throws Exception {
        MatrixHeader h = MatrixFiles.readHeader(withMetadata(screen(), screen().resolve("cell_metadata.csv")));
        assertEquals(List.of(), CellPreparation.checkCondition(h, new PreparationSettings("grna_target",
                Set.of("non-targeting"), null, 0, 0, 2000)));
        // the value the old docs gave for Papalexi's controls: named with the values the file has
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CellPreparation.checkCondition(h,
                new PreparationSettings("grna_target", Set.of("NT"), null, 0, 0, 0)));
        assertTrue(e.getMessage().startsWith("No cell has 'grna_target' in [NT], so there is no background; values "
                + "present: 'STAT2' ("), e.getMessage());
        assertTrue(e.getMessage().contains("'non-targeting' ("), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> CellPreparation.checkCondition(h,
                new PreparationSettings("guide", Set.of("NT"), null, 0, 0, 0)));
        assertTrue(e.getMessage().startsWith("No cell metadata column 'guide'; available: bio_rep"), e.getMessage());
        assertEquals(List.of(), CellPreparation.checkCondition(h, PreparationSettings.none()));
        // the batch column is checked from the header too
        assertEquals(List.of(), CellPreparation.checkCondition(h, new PreparationSettings("grna_target",
                Set.of("non-targeting"), null, 0, 0, 0, "bio_rep")));
        e = assertThrows(InvalidInputException.class, () -> CellPreparation.checkCondition(h,
                PreparationSettings.none().withBatchColumn("replicate")));
        assertTrue(e.getMessage().startsWith("The batch column 'replicate' is not a cell metadata column; available: "
                + "bio_rep, grna_id"), e.getMessage());
    }

    @Test
    void h5adHeaderHasObsAndVarWithoutX() throws Exception {
        Path file = screen().resolve("papalexi2021_lowmoi_299genes.h5ad");
        MatrixHeader h = MatrixFiles.readHeader(MatrixReadRequest.of(file));
        AnnotatedMatrix a = MatrixFiles.read(MatrixReadRequest.of(file));
        assertEquals(a.genes(), h.genes());
        assertEquals(a.cellIds(), h.cellIds());
        assertEquals(a.metadata().columnNames(), h.metadata().columnNames());
        assertEquals(a.metadata().column("condition"), h.metadata().column("condition"));
        DataFileException e = assertThrows(DataFileException.class, () -> MatrixFiles.readHeader(
                new MatrixReadRequest(file, MatrixFormat.AUTO, "spliced", null, null, Set.of(),
                        CsvMatrixOptions.defaults())));
        assertTrue(e.getMessage().contains("has no layers/spliced layer"), e.getMessage());
    }

    @Test
    void tenXHeaderNeverOpensTheMatrix() throws Exception {
        Files.writeString(dir.resolve("features.tsv"), "E1\tCD3E\tGene Expression\nE2\tMS4A1\tGene Expression\n"
                + "A1\tCD4_TotalSeqB\tAntibody Capture\n");
        Files.writeString(dir.resolve("barcodes.tsv"), "AAAC-1\nAAAG-1\n");
        Files.writeString(dir.resolve("matrix.mtx"), "not a matrix at all\n");
        MatrixHeader h = MatrixFiles.readHeader(MatrixReadRequest.of(dir));
        assertEquals(List.of("CD3E", "MS4A1"), h.genes());
        assertEquals(List.of("AAAC-1", "AAAG-1"), h.cellIds());
        assertEquals(List.of(), h.metadata().columnNames());
        assertEquals(1, h.warnings().size(), h.warnings().toString());
        assertThrows(DataFileException.class, () -> MatrixFiles.read(MatrixReadRequest.of(dir)));
        // a metadata file is joined as a read joins it, with the read's messages
        Path meta = dir.resolve("meta.csv");
        Files.writeString(meta, "barcode,guide\nAAAC-1,NT\n");
        MatrixHeader joined = MatrixFiles.readHeader(withMetadata(dir, meta));
        assertEquals(java.util.Arrays.asList("NT", null), joined.metadata().column("guide"));
        assertTrue(joined.warnings().get(1).startsWith("1 of 2 cells have no row in"), joined.warnings().toString());
        Files.writeString(meta, "barcode,guide\nXXXX,NT\n");
        DataFileException e = assertThrows(DataFileException.class, () -> MatrixFiles.readHeader(
                withMetadata(dir, meta)));
        assertTrue(e.getMessage().contains("0 of 2 cells match a row"), e.getMessage());
    }

    @Test
    void csvHeaderTypesTheMetadataColumns() throws Exception {
        Path csv = dir.resolve("m.csv");
        Files.writeString(csv, "cell,condition,replicate,A,B\nc1,ctrl,1,1,2\nc2,ko,2,0,5\nc3,ko,1,3,0\n");
        MatrixHeader h = MatrixFiles.readHeader(new MatrixReadRequest(csv, MatrixFormat.AUTO, null, null, null,
                Set.of(), new CsvMatrixOptions(true, true, "cell", Set.of("condition", "replicate"), null, (char) 0,
                        '.')));
        assertEquals(List.of("A", "B"), h.genes());
        assertEquals(List.of("c1", "c2", "c3"), h.cellIds());
        assertEquals(MetadataType.INTEGER, h.metadata().type("replicate"));
        assertEquals(Optional.of(List.of("ctrl", "ko")), h.distinctValues("condition", 2));
    }

    @Test
    void aMissingFileIsNamed() {
        DataFileException e = assertThrows(DataFileException.class,
                () -> MatrixFiles.readHeader(MatrixReadRequest.of(dir.resolve("gone.h5ad"))));
        assertEquals(dir.resolve("gone.h5ad") + " does not exist", e.getMessage());
    }
}

package org.cdgm.engine.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.CellMetadata;
import org.cdgm.engine.data.SparseCellMatrix;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;

/**
 * Reads Cell Ranger's HDF5 feature-barcode matrix ({@code filtered_feature_bc_matrix.h5}) with jHDF, as scanpy's
 * {@code read_10x_h5} does. Cell Ranger 3+ keeps it in the group {@code /matrix}: {@code barcodes},
 * {@code data}, {@code indices}, {@code indptr}, {@code shape} (features x cells, stored column-compressed, one
 * column per cell, so each cell's counts are one slice) and {@code features/} with {@code id}, {@code name},
 * {@code feature_type}. Cell Ranger 2 keeps one group per genome with {@code genes} and {@code gene_names}; a file
 * with a single genome is read, several genomes are refused with their names. Only {@code Gene Expression}
 * features are kept by default; gene names are made unique; repeated entries are summed.
 */
public final class TenXH5Reader {
    private TenXH5Reader() {
    }

    /**
     * @throws DataFileException when the file is not a Cell Ranger matrix or its arrays disagree; the message names
     *                           the file and the element
     */
    public static AnnotatedMatrix read(MatrixReadRequest r) throws IOException {
        Path file = r.path();
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file + " does not exist or is not a file");
        }
        try (HdfFile h5 = new HdfFile(file)) {
            Group m = matrixGroup(h5, file);
            String at = file + ": " + m.getPath();
            FeatureTable features = features(m, at);
            List<String> cells = AnnDataColumn.plain(dataset(m, "barcodes", at).getData()).values();
            FeatureTable.Selection sel = features.select(r, file);
            SparseCellMatrix x = counts(m, at, features.size(), cells.size(), sel);
            return new AnnotatedMatrix(x, sel.genes(), cells, CellMetadata.none(cells.size()), sel.warnings());
        } catch (HdfException e) {
            throw new DataFileException(file + " is not a readable HDF5 file: " + e.getMessage(), e);
        }
    }

    /** Genes (after the feature-type selection) and barcodes, without reading the count arrays. */
    static MatrixHeader header(MatrixReadRequest r) throws IOException {
        Path file = r.path();
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file + " does not exist or is not a file");
        }
        try (HdfFile h5 = new HdfFile(file)) {
            Group m = matrixGroup(h5, file);
            String at = file + ": " + m.getPath();
            FeatureTable.Selection sel = features(m, at).select(r, file);
            List<String> cells = AnnDataColumn.plain(dataset(m, "barcodes", at).getData()).values();
            return new MatrixHeader(sel.genes(), cells, CellMetadata.none(cells.size()), sel.warnings());
        } catch (HdfException e) {
            throw new DataFileException(file + " is not a readable HDF5 file: " + e.getMessage(), e);
        }
    }

    private static Group matrixGroup(HdfFile h5, Path file) throws DataFileException {
        if (h5.getChildren().get("matrix") instanceof Group g) {
            return g;
        }
        List<Group> genomes = new ArrayList<>();
        for (Node n : h5.getChildren().values()) {
            if (n instanceof Group g && g.getChildren().containsKey("gene_names") && g.getChildren().containsKey("data")) {
                genomes.add(g);
            }
        }
        if (genomes.size() == 1) {
            return genomes.get(0);
        }
        if (genomes.size() > 1) {
            throw new DataFileException(file + " is a Cell Ranger 2 file with " + genomes.size() + " genomes ("
                    + String.join(", ", genomes.stream().map(Group::getName).toList()) + "); cdgm reads one genome: "
                    + "split it first (e.g. scanpy.read_10x_h5(path, genome=...) and write an .h5ad)");
        }
        boolean annData = h5.getChildren().containsKey("X") && h5.getChildren().containsKey("obs");
        throw new DataFileException(file + " is not a Cell Ranger matrix (no /matrix group"
                + (annData ? "; it looks like an AnnData file: choose the h5ad format or rename it to .h5ad)"
                : "; top-level elements: " + String.join(", ", h5.getChildren().keySet()) + ")"));
    }

    private static FeatureTable features(Group m, String at) throws DataFileException {
        if (m.getChildren().get("features") instanceof Group f) {
            String where = at + "features";
            List<String> ids = AnnDataColumn.plain(dataset(f, "id", where).getData()).values();
            List<String> names = AnnDataColumn.plain(dataset(f, "name", where).getData()).values();
            List<String> types = f.getChildren().containsKey("feature_type")
                    ? AnnDataColumn.plain(dataset(f, "feature_type", where).getData()).values() : null;
            check(ids.size() == names.size() && (types == null || types.size() == names.size()), where
                    + ": id, name and feature_type differ in length");
            return new FeatureTable(ids, names, types);
        }
        List<String> ids = AnnDataColumn.plain(dataset(m, "genes", at).getData()).values();
        List<String> names = AnnDataColumn.plain(dataset(m, "gene_names", at).getData()).values();
        check(ids.size() == names.size(), at + ": genes and gene_names differ in length");
        return new FeatureTable(ids, names, null);
    }

    private static SparseCellMatrix counts(Group m, String at, int nFeatures, int nCells, FeatureTable.Selection sel)
            throws DataFileException {
        Attribute shapeAttr = m.getChildren().get("shape") instanceof Dataset s ? null : m.getAttribute("shape");
        Object shapeData = m.getChildren().get("shape") instanceof Dataset s ? s.getData()
                : shapeAttr == null ? null : shapeAttr.getData();
        if (shapeData != null) {
            long[] shape = HdfArrays.longs(shapeData);
            check(shape.length == 2 && shape[0] == nFeatures && shape[1] == nCells, at + "shape is "
                    + Arrays.toString(shape) + " but the file lists " + nFeatures + " features and " + nCells
                    + " barcodes");
        }
        CompressedArrays c = CompressedArrays.read(dataset(m, "data", at), dataset(m, "indices", at),
                dataset(m, "indptr", at), nCells, nFeatures, "barcode", at);
        // one compressed column per barcode = one compressed row per cell
        return CsrBuilder.canonical(nCells, sel.genes().size(), c.indptr(), c.indices(), c.data(),
                sel.keepsAll() ? null : sel.geneMap());
    }

    private static Dataset dataset(Group g, String name, String at) throws DataFileException {
        if (g.getChildren().get(name) instanceof Dataset d) {
            return d;
        }
        throw new DataFileException(at + " lacks '" + name + "': not a complete Cell Ranger matrix");
    }

    private static void check(boolean ok, String message) throws DataFileException {
        if (!ok) {
            throw new DataFileException(message);
        }
    }
}

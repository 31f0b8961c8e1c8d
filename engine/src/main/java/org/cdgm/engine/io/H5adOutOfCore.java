package org.cdgm.engine.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.data.OnDiskCellMatrix;
import org.cdgm.engine.data.SelectedRows;

/**
 * The background and target cells of one .h5ad file for out-of-core training: the condition column and the cell
 * ids are read from obs (O(cells) memory), the counts stay on disk and are read a chunk at a time by two
 * {@link OnDiskCellMatrix} (one per condition, each with the memory budget). Cells are used as stored: no gene or
 * cell filtering, no selection of variable genes.
 *
 * @param dataset   background and target cells over the file's genes, matrices on disk
 * @param cellsRead cells in the file
 * @param warnings  cells left out (no or another condition value), for the user
 */
public record H5adOutOfCore(ContrastiveDataset dataset, int cellsRead, List<String> warnings)
        implements AutoCloseable {

    /**
     * @param layer      null or "X" for X, else a name under layers/
     * @param background values of {@code column} that mark background cells (at least one)
     * @param target     values that mark target cells, or null for every other non-missing value
     * @param chunkRows  cells per chunk
     * @param budget     bytes of resident chunks per condition
     * @throws DataFileException     when the file, obs, the column or a contiguous CSR matrix is missing
     * @throws InvalidInputException when no cell has a background (or target) value; the message lists values found
     * @throws IllegalArgumentException when the budget is smaller than one chunk ({@link OnDiskCellMatrix})
     */
    public static H5adOutOfCore open(Path file, String layer, String column, Set<String> background,
                                     Set<String> target, int chunkRows, long budget) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file + " does not exist or is not a file");
        }
        List<String> values;
        List<String> ids;
        try (HdfFile h5 = new HdfFile(file)) {
            Node obsNode = h5.getChildren().get("obs");
            if (!(obsNode instanceof Group obs)) {
                throw new DataFileException(file + " has no obs group (not an h5ad file?)");
            }
            Node n = obs.getChildren().get(column);
            if (n == null) {
                throw new DataFileException(file + ": obs has no column '" + column + "'; its columns: "
                        + String.join(", ", obs.getChildren().keySet().stream()
                        .filter(k -> !k.equals("_index") && !k.equals("__categories")).toList())); // anndata's own
            }
            values = AnnDataColumn.read(n, null, file + ": obs/" + column).values();
            ids = H5adReader.index(obs, file);
        } catch (HdfException e) {
            throw new DataFileException(file + " is not a readable HDF5/h5ad file: " + e.getMessage(), e);
        }
        int[] bg = IntStream.range(0, values.size()).filter(i -> background.contains(values.get(i))).toArray();
        int[] tg = IntStream.range(0, values.size()).filter(i -> values.get(i) != null
                && (target == null ? !background.contains(values.get(i)) : target.contains(values.get(i)))).toArray();
        requireCells(bg, "background", background, column, values, file);
        requireCells(tg, "target", target == null ? Set.of("(any other value)") : target, column, values, file);
        List<OnDiskCellMatrix> open = new ArrayList<>();
        try {
            OnDiskCellMatrix b = new OnDiskCellMatrix(List.of(new SelectedRows(H5adCsrSource.open(file, layer), bg)),
                    chunkRows, budget);
            open.add(b);
            H5adCsrSource genes = H5adCsrSource.open(file, layer);
            OnDiskCellMatrix t = new OnDiskCellMatrix(List.of(new SelectedRows(genes, tg)), chunkRows, budget);
            open.add(t);
            if (genes.cells() != values.size()) {
                throw new DataFileException(file + ": the matrix has " + genes.cells() + " rows but obs has "
                        + values.size() + " cells");
            }
            ContrastiveDataset data = new ContrastiveDataset(genes.geneNames(),
                    new CellSet(Condition.BACKGROUND, b, IntStream.of(bg).mapToObj(ids::get).toList()),
                    new CellSet(Condition.TARGET, t, IntStream.of(tg).mapToObj(ids::get).toList()));
            int dropped = values.size() - bg.length - tg.length;
            List<String> warnings = dropped == 0 ? List.of() : List.of(String.format(Locale.ROOT, "%d of %d cells "
                    + "left out: their '%s' is missing or neither a background nor a target value", dropped,
                    values.size(), column));
            return new H5adOutOfCore(data, values.size(), warnings);
        } catch (IOException | RuntimeException e) {
            for (OnDiskCellMatrix m : open) {
                m.close();
            }
            throw e;
        }
    }

    private static void requireCells(int[] rows, String what, Set<String> wanted, String column,
                                     List<String> values, Path file) {
        if (rows.length > 0) {
            return;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String v : values) {
            if (v != null && seen.size() < 20) {
                seen.add(v);
            }
        }
        throw new InvalidInputException("No cell of " + file + " has a " + what + " value " + wanted + " in obs "
                + "column '" + column + "'; its values include: " + String.join(", ", seen));
    }

    /** Closes both conditions' files. */
    @Override
    public void close() throws IOException {
        ((OnDiskCellMatrix) dataset.background().matrix()).close();
        ((OnDiskCellMatrix) dataset.target().matrix()).close();
    }
}

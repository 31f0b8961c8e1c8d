package org.cdgm.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;

import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.io.H5adOutOfCore;

/** Where a partition's {@link CellBlock} comes from, run once on the executor that will hold it. */
interface BlockSource extends Serializable {

    CellBlock load();

    /** Cells the driver read: they travel with the task once. */
    record Shipped(CellBlock block) implements BlockSource {
        private static final long serialVersionUID = 1L;

        @Override
        public CellBlock load() {
            return block;
        }
    }

    /**
     * Rows of an .h5ad file that the executor reads itself (the file on a path every executor sees), the cells
     * as {@link H5adOutOfCore} selects them: background [bFrom, bTo) and target [tFrom, tTo) of its numbering.
     */
    record H5adRange(String file, String layer, String column, Set<String> background, Set<String> target,
                     int bFrom, int bTo, int tFrom, int tTo) implements BlockSource {
        private static final long serialVersionUID = 1L;
        /** Cells per read and bytes of chunks held at once while the block is read (once per fit). */
        static final int CHUNK_CELLS = 2048;
        static final long READ_BUDGET = 256L << 20;

        @Override
        public CellBlock load() {
            try (H5adOutOfCore h5 = H5adOutOfCore.open(Path.of(file), layer, column, background, target,
                    CHUNK_CELLS, READ_BUDGET)) {
                CellSet b = h5.dataset().background();
                CellSet t = h5.dataset().target();
                return new CellBlock(
                        CellBlock.compress(Condition.BACKGROUND, bFrom, b.matrix(), bFrom, bTo,
                                b.cellIds().subList(bFrom, bTo), null),
                        CellBlock.compress(Condition.TARGET, tFrom, t.matrix(), tFrom, tTo,
                                t.cellIds().subList(tFrom, tTo), null));
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": " + e.getMessage(), e);
            }
        }
    }
}

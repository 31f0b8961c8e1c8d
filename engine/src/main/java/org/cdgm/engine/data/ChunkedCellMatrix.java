package org.cdgm.engine.data;

import java.util.SplittableRandom;

/**
 * A {@link CellMatrix} whose rows are cheap to read only a few blocks ("chunks") at a time, such as one streamed
 * from disk. A training pass over it must visit rows in an order that keeps to a few chunks at once; the matrix
 * says which order ({@link #shuffleForReading}), the trainer's sampler asks for it instead of a uniform shuffle.
 */
public interface ChunkedCellMatrix extends CellMatrix {

    /**
     * Reorders {@code rows} (distinct row indices) in place into a random order that reads each chunk once per
     * pass: chunks in a random order, taken a memory budget's worth ("window") at a time, rows shuffled within
     * each window. The same rows and random state give the same order.
     */
    void shuffleForReading(int[] rows, SplittableRandom rng);
}

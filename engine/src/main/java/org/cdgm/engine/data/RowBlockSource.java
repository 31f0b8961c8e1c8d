package org.cdgm.engine.data;

import java.io.IOException;

/**
 * Cells stored on disk as compressed sparse rows, read a block of consecutive rows at a time (the unit of
 * out-of-core training, {@link OnDiskCellMatrix}). The row offsets are known without reading the values, so the
 * memory of any block is known before it is read.
 */
public interface RowBlockSource extends AutoCloseable {

    int cells();

    int genes();

    /** Stored values of rows [from, to): the offsets' difference, read from the row pointer only. */
    long nonZeros(int from, int to);

    /**
     * Reads rows [from, to) into memory.
     *
     * @return the (to - from) rows over {@link #genes()} genes
     * @throws IOException when the file cannot be read or its rows are malformed (the message names the file)
     */
    CsrRows read(int from, int to) throws IOException;

    /** The file, for messages. */
    String describe();

    @Override
    void close() throws IOException;
}

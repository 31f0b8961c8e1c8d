package org.cdgm.engine.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Cells read from one or more files of compressed sparse rows (shards, concatenated in order) a chunk of
 * consecutive rows at a time, keeping at most a memory budget of chunks resident (least recently used out first).
 * Training visits rows through {@link #shuffleForReading}: chunks in a random order, a budget's worth at a time
 * ("window"), rows shuffled within the window, so each chunk is read once per pass and the heap holds at most the
 * budget of values whatever the file size. Besides the chunks only O(cells) offsets are held (8 bytes per cell in
 * the source's row pointer).
 *
 * <p>Row-wise shuffling within windows of chunks is the scheme of scDataset (D'Ascenzo et al. 2025, "block
 * sampling" and "batch fetching") and of AnnLoader-style chunked loaders; with windows of a few tens of thousands
 * of cells a minibatch still mixes cells from several distant parts of the file.
 */
public final class OnDiskCellMatrix implements ChunkedCellMatrix, AutoCloseable {
    private final List<RowBlockSource> sources;
    private final int genes;
    private final int cells;
    private final long budgetBytes;
    /** Chunk c holds global rows [chunkStart[c], chunkStart[c + 1]); chunks never span two sources. */
    private final int[] chunkStart;
    private final int[] chunkSource;
    private final int[] chunkLocalStart;
    private final long[] chunkBytes;
    private final LinkedHashMap<Integer, CsrRows> resident = new LinkedHashMap<>(16, 0.75f, true);
    private long residentBytes;
    private int lastChunk = -1;
    private CsrRows lastRows;
    private long chunkReads;
    private final float[] denseRow;
    private int denseRowCell = -1;
    private int maxResidentChunks;
    private long maxResidentBytes;

    /**
     * @param sources     shards over the same genes, in row order (closed by {@link #close})
     * @param chunkRows   rows per chunk (the last chunk of a shard may be shorter), at least 1
     * @param budgetBytes bytes of chunks kept in memory ({@link CsrRows#bytes()}: 8 per stored value, 4 per row)
     * @throws IllegalArgumentException when there is no source, the shards' gene counts differ, chunkRows is not
     *                                  positive, or the budget is smaller than the largest chunk (the message gives
     *                                  the smallest budget that works)
     */
    public OnDiskCellMatrix(List<RowBlockSource> sources, int chunkRows, long budgetBytes) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("No files to read cells from");
        }
        if (chunkRows < 1) {
            throw new IllegalArgumentException("The chunk size must be at least 1 row, got " + chunkRows);
        }
        this.sources = List.copyOf(sources);
        this.genes = sources.get(0).genes();
        this.denseRow = new float[genes];
        this.budgetBytes = budgetBytes;
        List<int[]> chunks = new ArrayList<>(); // {source, local start, local end}
        long total = 0;
        for (int s = 0; s < sources.size(); s++) {
            RowBlockSource src = sources.get(s);
            if (src.genes() != genes) {
                throw new IllegalArgumentException(src.describe() + " has " + src.genes() + " genes but "
                        + sources.get(0).describe() + " has " + genes + "; shards must share their genes");
            }
            for (int from = 0; from < src.cells(); from += chunkRows) {
                chunks.add(new int[] {s, from, Math.min(src.cells(), from + chunkRows)});
            }
            total += src.cells();
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("More than 2^31 cells in " + this.sources.get(0).describe()
                    + " and the other shards");
        }
        this.cells = (int) total;
        int n = chunks.size();
        chunkStart = new int[n + 1];
        chunkSource = new int[n];
        chunkLocalStart = new int[n];
        chunkBytes = new long[n];
        long largest = 0;
        int largestAt = 0;
        for (int c = 0; c < n; c++) {
            int[] ch = chunks.get(c);
            chunkSource[c] = ch[0];
            chunkLocalStart[c] = ch[1];
            chunkStart[c + 1] = chunkStart[c] + (ch[2] - ch[1]);
            chunkBytes[c] = 4L * (ch[2] - ch[1] + 1) + 8L * sources.get(ch[0]).nonZeros(ch[1], ch[2]);
            if (chunkBytes[c] > largest) {
                largest = chunkBytes[c];
                largestAt = c;
            }
        }
        if (budgetBytes < largest) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The memory budget (%s) is smaller than "
                    + "one chunk of %d cells (%s: rows %d-%d of %s); raise the memory budget to at least %s, "
                    + "better several times that, or lower the chunk size", bytesText(budgetBytes),
                    chunkStart[largestAt + 1] - chunkStart[largestAt],
                    bytesText(largest), chunkLocalStart[largestAt], chunkLocalStart[largestAt]
                            + chunkStart[largestAt + 1] - chunkStart[largestAt] - 1,
                    sources.get(chunkSource[largestAt]).describe(), bytesText(largest)));
        }
    }

    @Override
    public int cells() {
        return cells;
    }

    @Override
    public int genes() {
        return genes;
    }

    public int chunks() {
        return chunkSource.length;
    }

    public long budgetBytes() {
        return budgetBytes;
    }

    /** Chunks read from disk so far (a chunk read again after eviction counts again). */
    public synchronized long chunkReads() {
        return chunkReads;
    }

    /** The most chunks resident at once so far. */
    public synchronized int maxResidentChunks() {
        return maxResidentChunks;
    }

    /** The most bytes of chunks resident at once so far; never above {@link #budgetBytes()}. */
    public synchronized long maxResidentBytes() {
        return maxResidentBytes;
    }

    /** The chunk holding global row {@code row}. */
    public int chunkOf(int row) {
        int last = lastChunk; // consecutive lookups mostly stay in one chunk
        if (last >= 0 && row >= chunkStart[last] && row < chunkStart[last + 1]) {
            return last;
        }
        int k = Arrays.binarySearch(chunkStart, row);
        return k >= 0 ? k : -k - 2;
    }

    /**
     * One entry. Whole-data checks (input validation, the likelihood choice) read every gene of a row in turn, so
     * the last row read is kept dense: 2.5 million cells x 2,000 genes took 310 s through binary searches.
     */
    @Override
    public synchronized double get(int cell, int gene) {
        if (cell != denseRowCell) {
            int c = chunkOf(cell);
            chunk(c).copyRow(cell - chunkStart[c], denseRow, 0);
            denseRowCell = cell;
        }
        return denseRow[gene];
    }

    @Override
    public synchronized void copyRows(int[] rows, float[] dest) {
        for (int r = 0; r < rows.length; r++) {
            int c = chunkOf(rows[r]);
            chunk(c).copyRow(rows[r] - chunkStart[c], dest, r * genes);
        }
    }

    @Override
    public synchronized double rowSum(int cell) {
        int c = chunkOf(cell);
        return chunk(c).rowSum(cell - chunkStart[c]);
    }

    @Override
    public void shuffleForReading(int[] rows, SplittableRandom rng) {
        int n = chunks();
        int[] sorted = rows.clone();
        Arrays.sort(sorted); // the result depends on the set of rows and the random state only
        int[] bucketStart = new int[n + 1];
        for (int row : sorted) {
            bucketStart[chunkOf(row) + 1]++;
        }
        for (int c = 0; c < n; c++) {
            bucketStart[c + 1] += bucketStart[c];
        }
        int[] order = new int[n];
        for (int c = 0; c < n; c++) {
            order[c] = c;
        }
        shuffle(order, 0, n, rng);
        int at = 0;
        int c = 0;
        while (c < n) {
            int windowFrom = at;
            long bytes = 0;
            do {
                int chunk = order[c++];
                bytes += chunkBytes[chunk];
                int len = bucketStart[chunk + 1] - bucketStart[chunk];
                System.arraycopy(sorted, bucketStart[chunk], rows, at, len);
                at += len;
            } while (c < n && bytes + chunkBytes[order[c]] <= budgetBytes);
            shuffle(rows, windowFrom, at, rng);
        }
    }

    /** Fisher-Yates over a[from, to). */
    private static void shuffle(int[] a, int from, int to, SplittableRandom rng) {
        for (int i = to - 1; i > from; i--) {
            int j = from + rng.nextInt(i - from + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** The chunk's rows, read (after evicting least recently used chunks down to the budget) when not resident. */
    private CsrRows chunk(int c) {
        if (c == lastChunk) {
            return lastRows;
        }
        CsrRows rows = resident.get(c);
        if (rows == null) {
            while (residentBytes + chunkBytes[c] > budgetBytes) {
                Iterator<Map.Entry<Integer, CsrRows>> it = resident.entrySet().iterator();
                Map.Entry<Integer, CsrRows> eldest = it.next();
                residentBytes -= eldest.getValue().bytes();
                if (eldest.getKey() == lastChunk) {
                    lastChunk = -1;
                    lastRows = null;
                }
                it.remove();
            }
            RowBlockSource src = sources.get(chunkSource[c]);
            int from = chunkLocalStart[c];
            try {
                rows = src.read(from, from + chunkStart[c + 1] - chunkStart[c]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (rows.bytes() != chunkBytes[c] || rows.genes() != genes) {
                throw new IllegalStateException(src.describe() + ": rows " + from + "+ changed size while reading");
            }
            resident.put(c, rows);
            residentBytes += rows.bytes();
            chunkReads++;
            maxResidentChunks = Math.max(maxResidentChunks, resident.size());
            maxResidentBytes = Math.max(maxResidentBytes, residentBytes);
        }
        lastChunk = c;
        lastRows = rows;
        return rows;
    }

    /** Closes every shard. */
    @Override
    public void close() throws IOException {
        IOException first = null;
        for (RowBlockSource s : sources) {
            try {
                s.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Bytes as MiB or KiB text, for messages. */
    static String bytesText(long bytes) {
        return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0)
                : String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
}

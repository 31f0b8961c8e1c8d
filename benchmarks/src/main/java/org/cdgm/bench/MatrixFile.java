package org.cdgm.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.cdgm.engine.data.CellMatrix;
import org.cdgm.engine.data.DenseCellMatrix;

/**
 * The one file format both implementations read: "CDGMMAT1", int32 rows, int32 columns (little endian), then
 * float32 values row by row. numpy reads it with one call, so neither side pays for parsing text.
 */
final class MatrixFile {
    private static final byte[] MAGIC = "CDGMMAT1".getBytes(StandardCharsets.US_ASCII);

    private MatrixFile() {
    }

    static void write(CellMatrix m, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(MAGIC);
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(m.cells()).putInt(m.genes())
                    .array());
            float[] row = new float[m.genes()];
            ByteBuffer buf = ByteBuffer.allocate(4 * m.genes()).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < m.cells(); i++) {
                m.copyRows(new int[] {i}, row);
                buf.clear();
                buf.asFloatBuffer().put(row);
                out.write(buf.array());
            }
        }
    }

    /**
     * Reads the file straight into the matrix's float array, 1 MiB at a time: no byte array of the whole body, which
     * would double the data's footprint while reading (and stay resident in the old generation afterwards).
     */
    static DenseCellMatrix read(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(MAGIC.length + 8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(in, head, file);
            byte[] magic = new byte[MAGIC.length];
            head.flip().get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + " is not a cdgm benchmark matrix");
            }
            int rows = head.getInt();
            int cols = head.getInt();
            float[] values = new float[Math.multiplyExact(rows, cols)];
            ByteBuffer chunk = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            for (int done = 0; done < values.length; ) {
                chunk.clear().limit(4 * Math.min(chunk.capacity() / 4, values.length - done));
                readFully(in, chunk, file);
                chunk.flip();
                int n = chunk.remaining() / 4;
                chunk.asFloatBuffer().get(values, done, n);
                done += n;
            }
            return new DenseCellMatrix(rows, cols, values);
        }
    }

    private static void readFully(FileChannel in, ByteBuffer buf, Path file) throws IOException {
        while (buf.hasRemaining()) {
            if (in.read(buf) < 0) {
                throw new IOException(file + " ends early");
            }
        }
    }
}

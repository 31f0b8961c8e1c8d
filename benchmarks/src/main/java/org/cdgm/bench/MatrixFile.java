package org.cdgm.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    static DenseCellMatrix read(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            DataInputStream in = new DataInputStream(raw);
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + " is not a cdgm benchmark matrix");
            }
            ByteBuffer head = ByteBuffer.wrap(in.readNBytes(8)).order(ByteOrder.LITTLE_ENDIAN);
            int rows = head.getInt();
            int cols = head.getInt();
            float[] values = new float[rows * cols];
            ByteBuffer body = ByteBuffer.wrap(in.readNBytes(4 * rows * cols)).order(ByteOrder.LITTLE_ENDIAN);
            body.asFloatBuffer().get(values);
            return new DenseCellMatrix(rows, cols, values);
        }
    }
}

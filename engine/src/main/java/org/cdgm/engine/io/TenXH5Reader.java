package org.cdgm.engine.io;

import java.io.IOException;

import org.cdgm.engine.data.AnnotatedMatrix;

/** Placeholder, written next. */
public final class TenXH5Reader {
    private TenXH5Reader() {
    }

    public static AnnotatedMatrix read(MatrixReadRequest r) throws IOException {
        throw new DataFileException("not yet");
    }
}

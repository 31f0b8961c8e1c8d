package org.cdgm.engine.io;

import java.io.IOException;

/** A data file that cannot be read as asked; the message names the file and, where known, the line. */
public class DataFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public DataFileException(String message) {
        super(message);
    }

    public DataFileException(String message, Throwable cause) {
        super(message, cause);
    }
}

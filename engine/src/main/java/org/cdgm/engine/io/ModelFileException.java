package org.cdgm.engine.io;

import java.io.IOException;

/** A model file that cannot be read: foreign, newer, truncated or corrupt. The message names the file. */
public class ModelFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}

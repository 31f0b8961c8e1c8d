package org.cdgm.engine.data;

/** Input the engine cannot use; the message names the data set, cell, gene or setting and says what to do. */
public class InvalidInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }
}

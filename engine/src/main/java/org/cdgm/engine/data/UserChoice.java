package org.cdgm.engine.data;

/**
 * A setting's choice as a user reads it: a short title for a list or radio button ("Negative binomial (counts)")
 * and one line of help for its tooltip. The constant's name stays what is stored in settings and typed in flow
 * variables; only the words shown change. Node dialogs and the checks of the node descriptions both read these,
 * so a choice is named the same everywhere.
 */
public interface UserChoice {
    /** Short human name of the choice, without trailing punctuation. */
    String title();

    /** One sentence saying when to choose it, ending with a full stop. */
    String help();
}

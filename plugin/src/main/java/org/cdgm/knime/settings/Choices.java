package org.cdgm.knime.settings;

import java.util.Arrays;
import java.util.Locale;

import org.knime.core.node.InvalidSettingsException;

/**
 * Enum settings are stored as the enum constant's name (stable across releases and easy to set from a flow
 * variable); this turns them back with a message that lists the allowed values.
 */
public final class Choices {
    private Choices() {
    }

    public static String[] names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).toArray(String[]::new);
    }

    public static <E extends Enum<E>> E parse(Class<E> type, String setting, String value)
            throws InvalidSettingsException {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidSettingsException("Setting '" + setting + "' must be one of "
                    + String.join(", ", names(type)) + ", got '" + value + "'");
        }
    }
}

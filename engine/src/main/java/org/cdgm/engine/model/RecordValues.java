package org.cdgm.engine.model;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A settings record as named text values and back: one entry per record component, in declaration order, so a
 * component added to {@code TrainingSettings} or {@link ModelConfig} is stored without touching this class.
 * Values are {@code String.valueOf} of ints, longs, doubles (exact: Java's double-to-text round-trips), booleans,
 * enum constant names and strings. Own code rather than a JSON library: the settings are flat records, and the
 * model file must not depend on a serialisation library's version.
 */
public final class RecordValues {
    private RecordValues() {
    }

    /** The record's components as name to text, in declaration order; unmodifiable. */
    public static Map<String, String> of(Record settings) {
        Map<String, String> values = new LinkedHashMap<>();
        for (RecordComponent c : settings.getClass().getRecordComponents()) {
            try {
                Object v = c.getAccessor().invoke(settings);
                values.put(c.getName(), v instanceof Enum<?> e ? e.name() : String.valueOf(v));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("Cannot read setting '" + c.getName() + "' of "
                        + settings.getClass().getSimpleName(), e);
            }
        }
        return Collections.unmodifiableMap(values);
    }

    /**
     * Builds the record back from {@link #of} values; its constructor validates them as for any new settings.
     *
     * @throws IllegalArgumentException naming the setting when one is missing or not of its type, or with the
     *                                  record's own message when the values are invalid together
     */
    public static <R extends Record> R parse(Class<R> type, Map<String, String> values) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            String text = values.get(c.getName());
            if (text == null) {
                throw new IllegalArgumentException("No value for setting '" + c.getName() + "' of "
                        + type.getSimpleName());
            }
            try {
                args[i] = value(c.getType(), text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Setting '" + c.getName() + "' of " + type.getSimpleName()
                        + " is not a " + c.getType().getSimpleName() + ": '" + text + "'", e);
            }
        }
        try {
            Constructor<R> canonical = type.getDeclaredConstructor(types);
            return canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r; // the record's own validation message
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot build " + type.getSimpleName(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object value(Class<?> type, String text) {
        if (type == int.class) {
            return Integer.parseInt(text);
        } else if (type == long.class) {
            return Long.parseLong(text);
        } else if (type == double.class) {
            return Double.parseDouble(text);
        } else if (type == boolean.class) {
            if (!text.equals("true") && !text.equals("false")) {
                throw new IllegalArgumentException(text);
            }
            return Boolean.parseBoolean(text);
        } else if (type.isEnum()) {
            return Enum.valueOf((Class<? extends Enum>) type, text);
        } else if (type == String.class) {
            return text;
        }
        throw new IllegalStateException("Settings of type " + type.getName() + " cannot be stored as text");
    }
}

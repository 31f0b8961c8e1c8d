package org.cdgm.cli;

import java.util.Locale;

import picocli.CommandLine.Model.CommandSpec;

/** The --memory-budget size: bytes, or a number with k, m or g (powers of 1,024, as the JVM's -Xmx). */
final class OutOfCoreBudget {
    private OutOfCoreBudget() {
    }

    /** @throws picocli.CommandLine.ParameterException (a usage error) when the text is not a positive size */
    static long parse(CommandSpec spec, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("k") || t.endsWith("m") || t.endsWith("g")) {
            unit = t.endsWith("k") ? 1L << 10 : t.endsWith("m") ? 1L << 20 : 1L << 30;
            t = t.substring(0, t.length() - 1);
        }
        try {
            long v = Long.parseLong(t.strip());
            if (v > 0 && v <= Long.MAX_VALUE / unit) {
                return v * unit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Main.usageError(spec, "--memory-budget must be a positive size such as 512m or 2g, got '" + text + "'");
    }
}

package org.cdgm.cli.jobs;

/** Reads option values of the command-line jobs, with messages that name the option and the usage. */
final class CommandLine {
    private final String[] args;
    private final String usage;
    private int i;

    CommandLine(String[] args, String usage) {
        this.args = args.clone();
        this.usage = usage;
    }

    boolean hasNext() {
        return i < args.length;
    }

    String nextOption() {
        return args[i++];
    }

    String value(String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException("Option " + option + " needs a value\n" + usage);
        }
        return args[i++];
    }

    int positiveInt(String option) {
        String s = value(option);
        try {
            int v = Integer.parseInt(s);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException("Option " + option + " needs a positive whole number, got '" + s + "'");
    }

    double nonNegativeDouble(String option) {
        String s = value(option);
        try {
            double v = Double.parseDouble(s);
            if (v >= 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException("Option " + option + " needs a number >= 0, got '" + s + "'");
    }

    <E extends Enum<E>> E choice(String option, Class<E> type) {
        String s = value(option);
        try {
            return Enum.valueOf(type, s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Option " + option + " must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()) + ", got '" + s + "'");
        }
    }

    /** Parses a job's options; on a bad option prints its message and exits with status 2 (usage error). */
    static <T> T parseOrExit(String[] args, java.util.function.Function<String[], T> parser) {
        try {
            return parser.apply(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            throw e; // not reached
        }
    }

    IllegalArgumentException unknown(String option) {
        return new IllegalArgumentException("Unknown option '" + option + "'\n" + usage);
    }
}

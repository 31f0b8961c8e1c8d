package org.cdgm.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.concurrent.Callable;

import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.io.DataFileException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code ./cdgm}: the command line of cdgm. Exit status 0 on success, 1 when the data cannot be read or used (or
 * anything else goes wrong), 2 for a usage error; every failure is one {@code error: ...} line on stderr and
 * nothing on stdout.
 */
@Command(name = "cdgm",
        description = "Contrastive generative models for single-cell data, from the command line.",
        subcommands = {InspectCommand.class, FitCommand.class, org.cdgm.cli.analysis.GenesCommand.class,
                org.cdgm.cli.analysis.DeCommand.class, org.cdgm.cli.analysis.EffectsCommand.class,
                org.cdgm.cli.experiment.ExperimentCommand.class},
        synopsisSubcommandLabel = "COMMAND",
        optionListHeading = "%nOptions:%n",
        commandListHeading = "%nCommands:%n",
        footerHeading = "%n",
        footer = {"Run 'cdgm COMMAND --help' for the options of a command.",
                "Exit status: 0 success, 1 the data could not be read or used, 2 wrong usage; errors are one "
                        + "'error: ...' line on stderr."})
public final class Main implements Callable<Integer> {
    /** Exit status of a usage error (unknown option, missing or malformed value, contradictory options). */
    public static final int USAGE = 2;
    /** Exit status of a data error (unreadable or inconsistent files, settings the data cannot meet) and others. */
    public static final int FAILURE = 1;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** {@code cdgm} without a command: the usage on stderr, as a usage error. */
    @Override
    public Integer call() {
        return missingSubcommand(spec, "command");
    }

    /**
     * A parent command called without a subcommand: one error line naming them, then the usage, on stderr.
     *
     * @param what "command" or "experiment", as the error line calls the subcommands
     * @return {@link #USAGE}
     */
    public static int missingSubcommand(CommandSpec spec, String what) {
        CommandLine cmd = spec.commandLine();
        cmd.getErr().println("error: no " + what + " given; the " + what + "s are: "
                + String.join(", ", cmd.getSubcommands().keySet()));
        cmd.usage(cmd.getErr());
        return USAGE;
    }

    public static void main(String[] args) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "off"); // warnings go into the JSON
        }
        exit(Main::run, args);
    }

    /** What {@link #exit} runs: a command line writing to the given streams, returning its exit status. */
    @FunctionalInterface
    public interface Runner {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    /** Runs {@code runner} on the process's stdout and stderr (UTF-8) and exits with its status. */
    public static void exit(Runner runner, String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int status = runner.run(args, out, err);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /**
     * Runs the command line in-process.
     *
     * @return the exit status: 0, 1 ({@link #FAILURE}) or 2 ({@link #USAGE})
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return execute(commandLine(), args, out, err, Main::describe);
    }

    /**
     * Executes a command line with cdgm's conventions: its output on {@code out}, messages on {@code err}, and
     * anything picocli hands on (Errors such as out of memory, failures of its own) as one {@code error: ...} line
     * worded by {@code describe}, exit status {@link #FAILURE}.
     *
     * @return the exit status
     */
    public static int execute(CommandLine cmd, String[] args, PrintStream out, PrintStream err,
                              Function<Throwable, String> describe) {
        PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true);
        try {
            cmd.setOut(outWriter);
            cmd.setErr(errWriter);
            return cmd.execute(args);
        } catch (Throwable t) {
            errWriter.println("error: " + describe.apply(t));
            return FAILURE;
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    /** The command tree with cdgm's error handling: one line on stderr and the exit status of the failure. */
    static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setExpandAtFiles(false); // an input path may start with '@'
        cmd.setParameterExceptionHandler((ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            String message = flatten(ex.getMessage());
            if (ex instanceof UnmatchedArgumentException u && failed.getParent() == null && !u.getUnmatched().isEmpty()
                    && !u.getUnmatched().get(0).startsWith("-")) {
                message = "unknown command '" + u.getUnmatched().get(0) + "'; the commands are: "
                        + String.join(", ", failed.getSubcommands().keySet());
            }
            failed.getErr().println("error: " + message + " (see '" + failed.getCommandSpec().qualifiedName()
                    + " --help')");
            return USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, failed, parseResult) -> {
            failed.getErr().println("error: " + describe(ex));
            return FAILURE;
        });
        return cmd;
    }

    /** The message of a failure, on one line: the engine's message for data errors, else what went wrong. */
    static String describe(Throwable t) {
        return describe(t, "give Java more with CDGM_JAVA_OPTS=-Xmx8g");
    }

    /**
     * As {@link #describe(Throwable)} for a host with its own way to give Java memory ({@code moreMemory}, said
     * after an out-of-memory error).
     */
    public static String describe(Throwable t, String moreMemory) {
        if (t instanceof UncheckedIOException && t.getCause() != null) {
            t = t.getCause();
        }
        String msg = t.getMessage() == null || t.getMessage().isBlank() ? null : flatten(t.getMessage());
        if (t instanceof DataFileException || t instanceof InvalidInputException
                || t instanceof org.cdgm.engine.training.TrainingDivergedException) {
            return msg != null ? msg : t.getClass().getSimpleName();
        }
        if (t instanceof NoSuchFileException) {
            return "no such file: " + msg;
        }
        if (t instanceof AccessDeniedException) {
            return "permission denied: " + msg;
        }
        if (t instanceof NotDirectoryException) {
            return "not a directory: " + msg;
        }
        if (t instanceof IOException) {
            return msg != null ? msg : "input/output failure (" + t.getClass().getSimpleName() + ")";
        }
        if (t instanceof OutOfMemoryError) {
            return "out of memory (" + (msg == null ? "Java heap" : msg) + "); " + moreMemory;
        }
        return "unexpected " + t.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }

    /** Line breaks (and the indentation after them) as single spaces. */
    public static String flatten(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    /** A usage error of {@code spec}'s command, found after parsing (exit status 2). */
    public static ParameterException usageError(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}

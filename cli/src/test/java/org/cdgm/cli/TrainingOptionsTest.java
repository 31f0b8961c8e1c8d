package org.cdgm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cdgm.engine.training.TrainingMode;
import org.cdgm.engine.training.TrainingSettings;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

/** {@code --threads N|auto} reaches the settings, and a bad count names the option. */
class TrainingOptionsTest {
    @Command(name = "probe")
    static final class Probe {
        @Mixin
        TrainingOptions options;
    }

    private static TrainingSettings parse(String... args) {
        Probe p = new Probe();
        CommandLine cl = new CommandLine(p);
        cl.parseArgs(args);
        return p.options.applyTo(TrainingSettings.defaults(TrainingMode.CONSTRAINED).withThreads(1),
                cl.getCommandSpec());
    }

    @Test
    void threadsAreACountOrAuto() {
        assertEquals(1, parse().threads(), "not given: the settings' own");
        assertEquals(2, parse("--threads", "2").threads());
        assertEquals(TrainingSettings.AUTO_THREADS, parse("--threads", "AUTO").threads());
        assertEquals("--threads must be at least 1, or 0 for auto, got -1",
                assertThrows(ParameterException.class, () -> parse("--threads", "-1")).getMessage());
        ParameterException e = assertThrows(ParameterException.class, () -> parse("--threads", "many"));
        assertTrue(e.getMessage().contains("'many' is not a thread count"), e.getMessage());
    }
}

package org.cdgm.cli.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class DemoJobOptionsTest {

    @Test
    void defaultsAndOverrides() {
        DemoJob.Options d = DemoJob.Options.parse(new String[0]);
        assertEquals(Path.of("demo-output"), d.out());
        assertEquals(150, d.epochs());
        DemoJob.Options o = DemoJob.Options.parse(new String[] {"--out", "x", "--epochs", "5", "--experiment",
            "--data-seeds", "2", "--misspecified-dim", "3", "--parallel", "1"});
        assertEquals(Path.of("x"), o.out());
        assertEquals(5, o.epochs());
        assertTrue(o.experiment());
        assertEquals(2, o.dataSeeds());
        assertEquals(3, o.misspecifiedDim());
        assertEquals(1, o.parallel());
    }

    @Test
    void badOptionsSayWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DemoJob.Options.parse(new String[] {"--epochs", "ten"}));
        assertTrue(e.getMessage().contains("--epochs needs a positive whole number, got 'ten'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DemoJob.Options.parse(new String[] {"--frobnicate"}));
        assertTrue(e.getMessage().contains("Unknown option '--frobnicate'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DemoJob.Options.parse(new String[] {"--out"}));
        assertTrue(e.getMessage().contains("--out needs a value"), e.getMessage());
    }

    @Test
    void screenJobOptionsParseAndExplainMistakes() {
        ScreenJob.Options o = ScreenJob.Options.parse(new String[] {"--h5ad", "--epochs", "5", "--mode",
            "MULTI_OBJECTIVE", "--regulariser", "HSIC", "--epsilon", "0.2", "--salient-dim", "3"});
        assertTrue(o.h5ad());
        assertEquals(5, o.epochs());
        assertEquals(org.cdgm.engine.training.TrainingMode.MULTI_OBJECTIVE, o.mode());
        assertEquals(org.cdgm.engine.objectives.RegulariserKind.HSIC, o.regulariser());
        assertEquals(0.2, o.epsilon(), 0);
        assertEquals(3, o.salientDim());
        assertEquals(0.3, ScreenJob.Options.parse(new String[0]).epsilon(), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScreenJob.Options.parse(new String[] {"--mode", "FAST"}));
        assertTrue(e.getMessage().contains("--mode must be one of [CLASSIC"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ScreenJob.Options.parse(new String[] {"--epsilon"}));
        assertTrue(e.getMessage().contains("--epsilon needs a value"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ScreenJob.Options.parse(new String[] {"--epsilon", "-1"}));
        assertTrue(e.getMessage().contains("needs a number >= 0, got '-1'"), e.getMessage());
    }
}

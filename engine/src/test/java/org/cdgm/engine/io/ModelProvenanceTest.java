package org.cdgm.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.model.ModelProvenance;
import org.cdgm.engine.model.RecordValues;
import org.cdgm.engine.objectives.RegulariserKind;
import org.cdgm.engine.training.TrainingMode;
import org.cdgm.engine.training.TrainingSettings;
import org.junit.jupiter.api.Test;

/** Settings stored as named values load back into their records; provenance entries keep a fixed order. */
public class ModelProvenanceTest {
    private static final TrainingSettings SETTINGS = TrainingSettings.defaults(TrainingMode.CONSTRAINED)
            .withRegulariser(RegulariserKind.MM_CVAE, 0.1 + 0.2).withConstraint(Double.NaN, 1e-7).withSeed(-3);
    private static final ModelConfig CONFIG = ModelConfig.defaults(7, Likelihood.NEGATIVE_BINOMIAL);

    /** A record with a component that TrainingSettings does not have: reflection must pick it up unasked. */
    public record Extended(int epochs, boolean verbose, String label, TrainingMode mode) {
    }

    @Test
    void settingsAndConfigRoundTripExactly() {
        assertEquals(SETTINGS, RecordValues.parse(TrainingSettings.class, RecordValues.of(SETTINGS)));
        assertEquals(CONFIG, RecordValues.parse(ModelConfig.class, RecordValues.of(CONFIG)));
        Map<String, String> v = RecordValues.of(SETTINGS);
        assertEquals(List.of(TrainingSettings.class.getRecordComponents()).stream().map(c -> c.getName()).toList(),
                List.copyOf(v.keySet()), "one entry per component, in declaration order");
        assertEquals("NaN", v.get("epsilon"));
        assertEquals("0.30000000000000004", v.get("penaltyWeight"));
        Extended e = new Extended(3, true, "a, b=c", TrainingMode.CLASSIC);
        assertEquals(Map.of("epochs", "3", "verbose", "true", "label", "a, b=c", "mode", "CLASSIC"),
                RecordValues.of(e));
        assertEquals(e, RecordValues.parse(Extended.class, RecordValues.of(e)));
    }

    @Test
    void aMissingOrMistypedSettingIsNamed() {
        Map<String, String> v = new LinkedHashMap<>(RecordValues.of(SETTINGS));
        v.remove("gradientClip");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> RecordValues.parse(TrainingSettings.class, v)), "No value for setting 'gradientClip'");
        v.put("gradientClip", "5");
        v.put("epochs", "many");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> RecordValues.parse(TrainingSettings.class, v)), "Setting 'epochs'", "'many'");
        v.put("epochs", "0");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> RecordValues.parse(TrainingSettings.class, v)), "'epochs' must be at least 1");
    }

    @Test
    void entriesKeepAFixedOrderAndReadBack() {
        List<String> genes = List.of("CD3E", "MS4A1");
        ModelProvenance p = ModelProvenance.ofFit("1.2.3", genes, SETTINGS, CONFIG, 10, 20, "MMD", 4, 5, "met",
                "2").withSourceFile("cells.h5ad");
        Map<String, String> e = p.entries(false);
        List<String> keys = List.copyOf(e.keySet());
        assertEquals(List.of("engine", "nd4j", "java", "os", "source", "geneListSha256"), keys.subList(0, 6));
        assertEquals("setting.mode", keys.get(13));
        assertEquals(p.withCreated(Instant.EPOCH), ModelProvenance.fromEntries(Instant.EPOCH, e));
        assertEquals(SETTINGS, p.settingsAs(TrainingSettings.class));
        assertEquals(CONFIG, p.config());
        assertEquals("created", p.entries(true).keySet().iterator().next());
        // sha256("CD3E\nMS4A1"), as `printf 'CD3E\nMS4A1' | sha256sum` gives
        assertEquals("a29422dc22f2b448d74ec86d9ca6c42f401124bbaea9d0d801f72c99e7b2b75f", p.geneListSha256());
    }

    private static void assertMessage(Exception e, String... parts) {
        for (String s : parts) {
            assertTrue(e.getMessage().contains(s), "'" + e.getMessage() + "' should mention '" + s + "'");
        }
    }
}

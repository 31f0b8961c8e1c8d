package org.cdgm.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.cdgm.engine.io.MatrixFormat;
import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.LikelihoodChoice;
import org.cdgm.engine.model.PriorKind;
import org.cdgm.engine.objectives.RegulariserKind;
import org.cdgm.engine.training.TrainingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every choice a dialog offers has a readable title and one line of help. */
class UserChoiceTest {
    static Stream<Class<? extends Enum<?>>> choices() {
        return Stream.of(Likelihood.class, LikelihoodChoice.class, PriorKind.class, TrainingMode.class,
                RegulariserKind.class, MatrixFormat.class);
    }

    @ParameterizedTest
    @MethodSource("choices")
    void titlesAreReadableAndDistinctAndHelpIsOneSentence(Class<? extends Enum<?>> type) {
        List<UserChoice> all = Arrays.stream(type.getEnumConstants()).map(UserChoice.class::cast).toList();
        Set<String> titles = new HashSet<>();
        for (UserChoice c : all) {
            String name = ((Enum<?>) c).name();
            assertFalse(c.title().isBlank(), name + ": empty title");
            assertFalse(c.title().matches("[A-Z0-9_]+"), name + ": title '" + c.title() + "' is a constant name");
            assertFalse(c.title().contains("_"), name + ": title '" + c.title() + "' has an underscore");
            assertFalse(c.title().endsWith("."), name + ": a title has no full stop");
            assertTrue(titles.add(c.title()), type.getSimpleName() + ": title '" + c.title() + "' used twice");
            assertTrue(c.help().endsWith("."), name + ": help should be a sentence: " + c.help());
            assertTrue(c.help().length() <= 120, name + ": help longer than a tooltip line: " + c.help());
        }
    }

    @Test
    void fixedLikelihoodChoicesShowTheLikelihoodsWordsAndAutoItsOwn() {
        for (Likelihood l : Likelihood.values()) {
            assertEquals(l.title(), LikelihoodChoice.of(l).title());
            assertEquals(l.help(), LikelihoodChoice.of(l).help());
        }
        assertTrue(LikelihoodChoice.AUTO.title().startsWith("Automatic"), LikelihoodChoice.AUTO.title());
        assertEquals("Negative binomial (counts)", Likelihood.NEGATIVE_BINOMIAL.title());
    }

    @Test
    void matrixFormatKeepsTheTypedWordApartFromTheTitle() {
        assertEquals("10x", MatrixFormat.TEN_X.label());
        assertEquals("10x folder (matrix.mtx)", MatrixFormat.TEN_X.title());
        assertEquals(MatrixFormat.TEN_X, MatrixFormat.parse("10x"));
    }
}

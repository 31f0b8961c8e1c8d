package org.cdgm.engine.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.cdgm.engine.data.CellMatrix;
import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.data.UserChoice;

/**
 * The likelihood a user asks for: one of the {@link Likelihood}s, or {@link #AUTO}, which takes the negative
 * binomial for non-negative whole-number data (raw counts, as scVI does) and the Gaussian otherwise (normalised,
 * log-transformed or scaled values). A trained model always holds a concrete {@link Likelihood}; AUTO is resolved
 * before training, from the data ({@link #resolve}) or, when a table's column types and domains already settle it,
 * before the data are read ({@link #resolveBeforeData}).
 */
public enum LikelihoodChoice implements UserChoice {
    /** Negative binomial for non-negative whole numbers, Gaussian otherwise. */
    AUTO(null),
    GAUSSIAN(Likelihood.GAUSSIAN),
    POISSON(Likelihood.POISSON),
    NEGATIVE_BINOMIAL(Likelihood.NEGATIVE_BINOMIAL);

    private final Likelihood fixed;

    LikelihoodChoice(Likelihood fixed) {
        this.fixed = fixed;
    }

    /** The choice that always means {@code l}. */
    public static LikelihoodChoice of(Likelihood l) {
        return valueOf(Objects.requireNonNull(l, "likelihood").name());
    }

    /** "Automatic (...)" for AUTO, else the fixed likelihood's title. */
    @Override
    public String title() {
        return fixed == null ? "Automatic (counts: negative binomial, else Gaussian)" : fixed.title();
    }

    @Override
    public String help() {
        return fixed == null ? "Negative binomial when every value is a whole number of at least 0, else "
                + "Gaussian." : fixed.help();
    }

    /** The likelihood this choice stands for regardless of the data; empty for AUTO. */
    public Optional<Likelihood> fixed() {
        return Optional.ofNullable(fixed);
    }

    /**
     * The likelihood for these cells: the fixed one, or for AUTO negative binomial when every value of both
     * conditions is a non-negative whole number and Gaussian at the first value that is not (reading stops there).
     *
     * @return the likelihood and one sentence saying why (for a log line or the model summary)
     */
    public Decision resolve(ContrastiveDataset data) {
        Objects.requireNonNull(data, "data");
        if (fixed != null) {
            return new Decision(fixed, "Likelihood " + readable(fixed) + " as set");
        }
        for (CellSet set : List.of(data.background(), data.target())) {
            CellMatrix m = set.matrix();
            int g = m.genes();
            String[] found = new String[1];
            m.forEachRow((i, row, offset) -> {
                for (int j = 0; j < g; j++) {
                    double v = row[offset + j];
                    if (!(v >= 0) || v != Math.rint(v)) {
                        String what = Double.isNaN(v) ? "a missing value (NaN)" : v < 0 ? "the negative value " + v
                                : Double.isInfinite(v) ? "the value " + v : "the fractional value " + v;
                        found[0] = set.describeCell(i) + ", gene '" + data.genes().get(j) + "' has " + what;
                        return false;
                    }
                }
                return true;
            });
            if (found[0] != null) {
                return new Decision(Likelihood.GAUSSIAN, "Likelihood AUTO chose Gaussian: " + found[0]
                        + ", so the data are not raw counts");
            }
        }
        long cells = (long) data.background().cells() + data.target().cells();
        return new Decision(Likelihood.NEGATIVE_BINOMIAL, "Likelihood AUTO chose negative binomial: every value of "
                + cells + " cells x " + data.geneCount() + " genes is a non-negative whole number (raw counts)");
    }

    /**
     * The likelihood as far as it is known before the values are read (e.g. from a KNIME table spec at configure):
     * the fixed one; for AUTO Gaussian as soon as one gene column's known lower bound is negative, negative
     * binomial when every gene column holds whole numbers by type and has a known lower bound of at least 0, and
     * empty ("unknown yet", decided from the data by {@link #resolve}) otherwise - a decimal-typed column may
     * still hold counts.
     *
     * @param genes what is known about each gene column; empty gives "unknown yet" for AUTO
     */
    public Optional<Decision> resolveBeforeData(List<GeneColumn> genes) {
        Objects.requireNonNull(genes, "genes");
        if (fixed != null) {
            return Optional.of(new Decision(fixed, "Likelihood " + readable(fixed) + " as set"));
        }
        if (genes.isEmpty()) {
            return Optional.empty();
        }
        for (GeneColumn g : genes) {
            if (g.lowerBound() != null && g.lowerBound() < 0) {
                return Optional.of(new Decision(Likelihood.GAUSSIAN, "Likelihood AUTO chose Gaussian: gene column '"
                        + g.name() + "' has values down to " + g.lowerBound() + ", so the data are not raw counts"));
            }
        }
        for (GeneColumn g : genes) {
            if (!g.wholeNumbers() || g.lowerBound() == null) {
                return Optional.empty();
            }
        }
        return Optional.of(new Decision(Likelihood.NEGATIVE_BINOMIAL, "Likelihood AUTO chose negative binomial: all "
                + genes.size() + " gene columns hold whole numbers of at least 0 (raw counts)"));
    }

    /** "negative binomial" for NEGATIVE_BINOMIAL: how messages name a likelihood. */
    public static String readable(Likelihood l) {
        return l.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /**
     * What a table's spec says about one gene column before its values are read.
     *
     * @param name         column name, for the message
     * @param wholeNumbers whether the column's type holds only whole numbers (KNIME integer or long cells)
     * @param lowerBound   the smallest value the column's domain admits, or null when the domain is unknown
     */
    public record GeneColumn(String name, boolean wholeNumbers, Double lowerBound) {
        public GeneColumn {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * A resolved likelihood.
     *
     * @param likelihood the likelihood to train with
     * @param reason     one sentence saying why, naming the column or cell that decided it
     */
    public record Decision(Likelihood likelihood, String reason) {
        public Decision {
            Objects.requireNonNull(likelihood, "likelihood");
            Objects.requireNonNull(reason, "reason");
        }
    }
}

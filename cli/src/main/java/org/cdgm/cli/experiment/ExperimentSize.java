package org.cdgm.cli.experiment;

/**
 * How big a claim experiment is: the simulated cells and genes of every data set, the epochs of every fit and how
 * many data sets (data seeds) and fits per data set (training seeds) each setting and training mode gets.
 *
 * @param backgroundCells background cells per simulated data set
 * @param targetCells     target cells per simulated data set
 * @param genes           genes per simulated data set (at least 8: misspecified fits use k_z + k_t = 8)
 * @param epochs          maximum epochs of every fit (training stops earlier when the held-out loss stalls)
 * @param seeds           training seeds 1..seeds per data set (at least 2: seed stability compares pairs)
 * @param dataSeeds       data sets 1..dataSeeds, simulated with seeds {@value #DATA_SEED_BASE} + 1 ..
 * @throws IllegalArgumentException naming the setting when a value is out of range
 */
public record ExperimentSize(int backgroundCells, int targetCells, int genes, int epochs, int seeds, int dataSeeds) {
    /** Data set d is simulated with seed DATA_SEED_BASE + d, as in docs/identifiability.md (1001, 1002, ...). */
    public static final long DATA_SEED_BASE = 1000;
    /** The full size, as docs/identifiability.md's study: 2,000 + 2,000 cells, 100 genes, 150 epochs, 2 x 3 fits. */
    public static final ExperimentSize FULL = new ExperimentSize(2000, 2000, 100, 150, 2, 3);
    /** A run of a few minutes on 2 cores that exercises everything; its numbers are not evidence. */
    public static final ExperimentSize QUICK = new ExperimentSize(400, 400, 20, 50, 2, 1);

    public ExperimentSize {
        atLeast("background cells", backgroundCells, 10);
        atLeast("target cells", targetCells, 10);
        atLeast("genes", genes, 8);
        atLeast("epochs", epochs, 1);
        atLeast("seeds", seeds, 2);
        atLeast("data seeds", dataSeeds, 1);
    }

    public ExperimentSize withSeeds(int s, int d) {
        return new ExperimentSize(backgroundCells, targetCells, genes, epochs, s, d);
    }

    public ExperimentSize withEpochs(int e) {
        return new ExperimentSize(backgroundCells, targetCells, genes, e, seeds, dataSeeds);
    }

    /** Fits per setting and training mode: data seeds x training seeds. */
    public int fitsPerCell() {
        return seeds * dataSeeds;
    }

    private static void atLeast(String name, int v, int min) {
        if (v < min) {
            throw new IllegalArgumentException("Setting '" + name + "' must be at least " + min + ", got " + v);
        }
    }
}

package org.cdgm.cli;

import java.io.IOException;

import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.io.H5adOutOfCore;
import org.cdgm.engine.io.MatrixFormat;
import org.cdgm.engine.io.MatrixReadRequest;
import org.cdgm.engine.preprocess.PreparationSettings;

import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code cdgm fit}'s out-of-core reading ({@code --memory-budget}, {@code --chunk-cells}): a mixin of its own, so that
 * commands which read every cell into memory (inspect, genes, de, effects) neither list nor silently ignore it.
 */
public final class OutOfCoreOptions {
    static final int DEFAULT_CHUNK_CELLS = 16_384;

    @Option(names = "--memory-budget", paramLabel = "SIZE",
            description = "Train out of core: read the cells of an .h5ad (X a csr_matrix with contiguous arrays) "
                    + "from disk a chunk at a time, keeping at most SIZE of cells in memory per condition (e.g. "
                    + "512m, 2g; bytes without a suffix). The cells and genes are used as stored (no filters or "
                    + "--top-genes selection); give the smaller condition enough to stay resident.")
    String memoryBudget;

    @Option(names = "--chunk-cells", paramLabel = "N",
            description = "With --memory-budget: cells read per chunk (default 16384).")
    int chunkCells = DEFAULT_CHUNK_CELLS;

    /**
     * The background and target cells of an .h5ad read from disk a chunk at a time (engine {@link H5adOutOfCore}),
     * or null without --memory-budget. Options that need every cell in memory are a usage error.
     */
    public H5adOutOfCore open(CommandSpec spec, ReadOptions read, MatrixReadRequest r, PreparationSettings p)
            throws IOException {
        if (memoryBudget == null) {
            if (chunkCells != DEFAULT_CHUNK_CELLS) {
                throw Main.usageError(spec, "--chunk-cells needs --memory-budget (it sets the chunks of out-of-core "
                        + "reading)");
            }
            return null;
        }
        long budget = OutOfCoreBudget.parse(spec, memoryBudget);
        if (r.format().resolve(r.path()) != MatrixFormat.H5AD) {
            throw Main.usageError(spec, "--memory-budget reads .h5ad files only, not " + r.path());
        }
        if (read.metadata != null || p.batchColumn() != null || read.minCellsPerGene > 0 || read.minCountsPerCell > 0
                || !r.featureTypes().isEmpty()) {
            throw Main.usageError(spec, "--memory-budget uses the cells as stored: it cannot be combined with "
                    + "--metadata, --batch-column, --min-cells-per-gene, --min-counts-per-cell or --feature-types");
        }
        if (chunkCells < 1) {
            throw Main.usageError(spec, "--chunk-cells must be at least 1, got " + chunkCells);
        }
        H5adOutOfCore cells;
        try {
            cells = H5adOutOfCore.open(r.path(), r.layer(), p.conditionColumn(), p.backgroundValues(),
                    p.targetValues(), chunkCells, budget);
        } catch (InvalidInputException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw Main.usageError(spec, "--memory-budget " + memoryBudget + ": " + e.getMessage());
        }
        int genes = cells.dataset().geneCount();
        if (read.topGenes > 0 && genes > read.topGenes) {
            cells.close();
            throw Main.usageError(spec, r.path() + " has " + genes + " genes: --top-genes " + read.topGenes + " would "
                    + "select genes, which needs every cell in memory; select them beforehand or pass --top-genes 0");
        }
        return cells;
    }

    /**
     * Adds {@code "out_of_core"} to a fit's summary: null when the cells were read into memory, else the budget in
     * bytes and the chunk size, which the shuffle (and so the fit) depends on.
     */
    void describe(CommandSpec spec, ObjectNode summary) {
        if (memoryBudget == null) {
            summary.putNull("out_of_core");
            return;
        }
        ObjectNode o = summary.putObject("out_of_core");
        o.put("memory_budget_bytes", OutOfCoreBudget.parse(spec, memoryBudget));
        o.put("chunk_cells", chunkCells);
    }
}

package org.cdgm.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.spark.broadcast.Broadcast;
import org.cdgm.engine.data.BatchCovariate;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.io.AtomicFiles;
import org.cdgm.engine.model.Embedding;
import org.cdgm.engine.model.ModelProvenance;
import org.cdgm.engine.model.TrainedModel;

/**
 * embedding.csv of a Spark fit, with {@code cdgm fit}'s columns (cell, condition, shared_1..k_z, salient_1..k_t):
 * every partition encodes its own cells with the trained model ({@link TrainedModel#embed}: posterior means, the
 * numbers of the one-machine embedding), and the driver writes the rows in cell order, all background rows, then all
 * target rows, fetching one partition's codes at a time ({@code toLocalIterator}), so that it never holds more than
 * one partition's codes (cells / P x (k_z + k_t) doubles).
 */
final class SparkEmbedding {
    private SparkEmbedding() {
    }

    /** A trained model as it travels to the executors (the model itself is not serializable). */
    record Model(ModelSpec spec, PartitionStep.Matrix parameters, ArrayList<String> genes, String batchColumn,
                 ArrayList<String> batchLevels) implements Serializable {
        private static final long serialVersionUID = 1L;

        static Model of(TrainedModel m) {
            BatchCovariate b = m.batch();
            return new Model(ModelSpec.of(m.config()), PartitionStep.Matrix.of(m.parameters()),
                    new ArrayList<>(m.genes()), b == null ? null : b.column(),
                    b == null ? null : new ArrayList<>(b.levels()));
        }

        TrainedModel model() {
            BatchCovariate b = batchColumn == null ? null : new BatchCovariate(batchColumn, batchLevels);
            return new TrainedModel(spec.config(), parameters.array(), genes, b, ModelProvenance.unknown(genes));
        }
    }

    /** A partition's cells of one condition: their ids and posterior means (cells x k_z, cells x k_t). */
    record Rows(String[] ids, double[][] shared, double[][] salient) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** On the executor: the posterior means of the block's cells of one condition. */
    static Rows encode(CellBlock block, Condition c, Model m) {
        CellBlock.Part p = block.part(c);
        Embedding e = m.model().embed(p.matrix(), p.batchCodes());
        return new Rows(p.ids(), e.shared(), e.salient());
    }

    /**
     * Writes {@code file} (atomically: a reader never sees half of it) with one row per cell of {@code cells}.
     *
     * @param model the fit's model, whose genes (and batch levels) are those of the cells
     * @throws IOException naming the file when it cannot be written
     */
    static void write(SparkCells cells, TrainedModel model, Path file) throws IOException {
        List<String> header = new ArrayList<>(List.of("cell", "condition"));
        for (int j = 1; j <= model.config().sharedDim(); j++) {
            header.add("shared_" + j);
        }
        for (int j = 1; j <= model.config().salientDim(); j++) {
            header.add("salient_" + j);
        }
        Broadcast<Model> bm = cells.context().broadcast(Model.of(model));
        try {
            AtomicFiles.write(file, w -> {
                CSVPrinter out = new CSVPrinter(w, CSVFormat.RFC4180.builder()
                        .setHeader(header.toArray(String[]::new)).build());
                for (Condition c : List.of(Condition.BACKGROUND, Condition.TARGET)) {
                    String word = c.name().toLowerCase(Locale.ROOT);
                    // one element per partition, fetched in partition order, which is row order
                    Iterator<Rows> parts = cells.blocks().map(block -> encode(block, c, bm.value()))
                            .toLocalIterator();
                    while (parts.hasNext()) {
                        Rows r = parts.next();
                        for (int i = 0; i < r.ids().length; i++) {
                            List<Object> row = new ArrayList<>(header.size());
                            row.add(r.ids()[i]);
                            row.add(word);
                            for (double v : r.shared()[i]) {
                                row.add(v);
                            }
                            for (double v : r.salient()[i]) {
                                row.add(v);
                            }
                            out.printRecord(row);
                        }
                    }
                }
                out.flush();
            });
        } finally {
            bm.destroy();
        }
    }
}

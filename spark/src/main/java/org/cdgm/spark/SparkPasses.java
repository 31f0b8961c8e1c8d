package org.cdgm.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.model.distributions.LatentGradient;
import org.cdgm.engine.model.distributions.LatentSample;
import org.cdgm.engine.model.distributions.Noise;
import org.cdgm.engine.model.network.CodeGradients;
import org.cdgm.engine.model.network.ContrastiveVae;
import org.cdgm.engine.model.network.ElboTerms;
import org.cdgm.engine.model.network.LatentCodes;
import org.cdgm.engine.numeric.HostBuffer;
import org.cdgm.engine.training.GradientBuffers;
import org.cdgm.engine.training.StepPasses;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Synchronous data-parallel passes on Spark (Dean et al. 2012's synchronous scheme, one global batch per step):
 * each step is two Spark jobs over the partitions that hold the cells. Round 1 broadcasts the parameters and sends
 * each partition the positions of the batch rows it holds with their noise; the partitions' posterior parameters
 * come back and are put in batch order, so the driver's regulariser sees exactly the codes of a step on one
 * machine. Round 2 sends each partition its rows of the regulariser's code gradients; each recomputes its forward
 * pass and back-propagates (as {@code SlicedPasses}' workers do), and the driver adds the partitions' gradients in
 * partition order. The step is the one-machine step up to the order of the sums over cells: with one partition it
 * is the one-thread step bit for bit. Per step the parameters travel once to each executor (broadcast), the
 * gradients once back from each partition.
 */
final class SparkPasses implements StepPasses {
    private final SparkCells cells;
    private final ContrastiveVae vae;
    private final ModelSpec model;
    private final boolean shared;

    // the step in flight
    private Broadcast<PartitionStep.Parameters> params;
    private PartitionStep.Rows[] rows;
    private int[][] bPos;
    private int[][] tPos;
    private int nb;
    private int nt;

    SparkPasses(SparkCells cells, ContrastiveVae vae, boolean shared) {
        this.cells = cells;
        this.vae = vae;
        this.model = ModelSpec.of(vae.config());
        this.shared = shared;
    }

    @Override
    public LatentCodes forward(INDArray p, int[] backgroundRows, int[] targetRows, Noise noise) {
        JavaSparkContext sc = cells.context();
        int parts = cells.partitions();
        nb = backgroundRows.length;
        nt = targetRows.length;
        bPos = positions(backgroundRows, cells.bounds(Condition.BACKGROUND), parts);
        tPos = positions(targetRows, cells.bounds(Condition.TARGET), parts);
        rows = new PartitionStep.Rows[parts];
        for (int q = 0; q < parts; q++) {
            rows[q] = new PartitionStep.Rows(local(backgroundRows, bPos[q], cells.bounds(Condition.BACKGROUND)[q]),
                    local(targetRows, tPos[q], cells.bounds(Condition.TARGET)[q]),
                    PartitionStep.Matrix.rows(noise.sharedBackground(), bPos[q]),
                    PartitionStep.Matrix.rows(noise.salientBackground(), bPos[q]),
                    PartitionStep.Matrix.rows(noise.sharedTarget(), tPos[q]),
                    PartitionStep.Matrix.rows(noise.salientTarget(), tPos[q]));
        }
        params = sc.broadcast(new PartitionStep.Parameters(model, PartitionStep.Matrix.of(p)));
        Broadcast<PartitionStep.Parameters> bp = params;
        List<PartitionStep.Codes> codes = cells.blocks().zipPartitions(sc.parallelize(List.of(rows), parts),
                (Iterator<CellBlock> bi, Iterator<PartitionStep.Rows> ri) -> single(
                        PartitionStep.forward(bi.next(), bp.value(), ri.next()))).collect();
        return new LatentCodes(sample(codes, 0, bPos, nb, noise.sharedBackground()),
                noise.salientBackground() == null ? null : sample(codes, 1, bPos, nb, noise.salientBackground()),
                sample(codes, 2, tPos, nt, noise.sharedTarget()), sample(codes, 3, tPos, nt, noise.salientTarget()));
    }

    @Override
    public ElboTerms backward(CodeGradients extra, double klWeight, GradientBuffers grads) {
        JavaSparkContext sc = cells.context();
        int parts = cells.partitions();
        List<PartitionStep.Backward> requests = new ArrayList<>(parts);
        for (int q = 0; q < parts; q++) {
            PartitionStep.Gradient[] g = null;
            if (extra != null) {
                g = new PartitionStep.Gradient[] {rowsOf(extra.sharedBackground, bPos[q]),
                    rowsOf(extra.salientBackground, bPos[q]), rowsOf(extra.sharedTarget, tPos[q]),
                    rowsOf(extra.salientTarget, tPos[q])};
            }
            requests.add(new PartitionStep.Backward(rows[q], g, klWeight, nb, nt, shared));
        }
        Broadcast<PartitionStep.Parameters> bp = params;
        List<PartitionStep.Parts> got = cells.blocks().zipPartitions(sc.parallelize(requests, parts),
                (Iterator<CellBlock> bi, Iterator<PartitionStep.Backward> ri) -> single(
                        PartitionStep.backward(bi.next(), bp.value(), ri.next()))).collect();
        zero(grads);
        double[] sums = new double[5];
        for (PartitionStep.Parts part : got) { // partition order: a fixed order of the sums
            if (part == null) {
                continue;
            }
            grads.background().addi(part.background().array());
            if (!shared) {
                grads.target().addi(part.target().array());
                grads.regulariser().addi(part.regulariser().array());
            }
            double wb = part.backgroundRows() / (double) nb;
            double wt = part.targetRows() / (double) nt;
            if (part.backgroundRows() > 0) {
                sums[0] += wb * part.terms()[0];
                sums[1] += wb * part.terms()[1];
            }
            if (part.targetRows() > 0) {
                sums[2] += wt * part.terms()[2];
                sums[3] += wt * part.terms()[3];
                sums[4] += wt * part.terms()[4];
            }
        }
        return new ElboTerms(sums[0], sums[1], sums[2], sums[3], sums[4]);
    }

    private void zero(GradientBuffers grads) {
        grads.background().assign(0);
        if (!shared) {
            grads.target().assign(0);
            grads.regulariser().assign(0);
        }
    }

    /** A partition's rows of one block's code gradients; null when it has none or the block has no gradient. */
    private static PartitionStep.Gradient rowsOf(LatentGradient g, int[] at) {
        return at.length == 0 || g.isEmpty() ? null : PartitionStep.Gradient.rows(g, at);
    }

    /** One block's whole-batch sample: the partitions' posterior parameters put back at their batch positions. */
    private LatentSample sample(List<PartitionStep.Codes> codes, int block, int[][] pos, int n, INDArray eps) {
        int k = (int) eps.columns();
        double[] mu = new double[n * k];
        double[] logVar = new double[n * k];
        for (int q = 0; q < codes.size(); q++) {
            if (pos[q].length == 0) {
                continue;
            }
            double[] m = codes.get(q).mu()[block].values();
            double[] l = codes.get(q).logVar()[block].values();
            for (int i = 0; i < pos[q].length; i++) {
                System.arraycopy(m, i * k, mu, pos[q][i] * k, k);
                System.arraycopy(l, i * k, logVar, pos[q][i] * k, k);
            }
        }
        DataType dtype = vae.dataType();
        return new LatentSample(HostBuffer.matrix(mu, dtype, n, k), HostBuffer.matrix(logVar, dtype, n, k), eps);
    }

    /** Per partition the batch positions whose rows it holds, in batch order. */
    private static int[][] positions(int[] batchRows, int[] bounds, int parts) {
        int[] count = new int[parts];
        int[] owner = new int[batchRows.length];
        for (int i = 0; i < batchRows.length; i++) {
            owner[i] = SparkCells.partitionOf(bounds, batchRows[i]);
            count[owner[i]]++;
        }
        int[][] pos = new int[parts][];
        for (int q = 0; q < parts; q++) {
            pos[q] = new int[count[q]];
            count[q] = 0;
        }
        for (int i = 0; i < batchRows.length; i++) {
            pos[owner[i]][count[owner[i]]++] = i;
        }
        return pos;
    }

    /** The rows at {@code pos}, relative to the partition's first row. */
    private static int[] local(int[] batchRows, int[] pos, int first) {
        int[] out = new int[pos.length];
        for (int i = 0; i < pos.length; i++) {
            out[i] = batchRows[pos[i]] - first;
        }
        return out;
    }

    private static <T> Iterator<T> single(T value) {
        List<T> one = new ArrayList<>(1);
        one.add(value); // null allowed: a partition without rows in this step
        return one.iterator();
    }

    @Override
    public void endStep() {
        if (params != null) {
            params.destroy();
            params = null;
        }
        rows = null;
        bPos = null;
        tPos = null;
    }

    /** Each partition's share of a step runs on one task thread. */
    @Override
    public int threads() {
        return 1;
    }

    @Override
    public void close() {
        endStep();
    }
}

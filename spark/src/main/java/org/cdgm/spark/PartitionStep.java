package org.cdgm.spark;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.cdgm.engine.data.Condition;
import org.cdgm.engine.model.distributions.CellBatch;
import org.cdgm.engine.model.distributions.LatentGradient;
import org.cdgm.engine.model.distributions.LatentSample;
import org.cdgm.engine.model.distributions.Noise;
import org.cdgm.engine.model.network.CodeGradients;
import org.cdgm.engine.model.network.ContrastiveVae;
import org.cdgm.engine.model.network.ElboTerms;
import org.cdgm.engine.model.network.LatentCodes;
import org.cdgm.engine.numeric.HostBuffer;
import org.cdgm.engine.numeric.NativeThreads;
import org.cdgm.engine.training.GradientBuffers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a partition computes for one step, on the executor that holds its cells: the forward pass over its rows of
 * the step's batches (round 1, returning their posterior parameters), and the same forward pass again followed by
 * back-propagation with its rows of the regulariser's code gradients (round 2, returning its gradient parts and
 * ELBO means). The repeated forward pass gives the same numbers (same parameters, rows and noise); it costs one
 * extra forward pass per step instead of keeping state on the executors between two Spark jobs.
 *
 * <p>A partition may hold batch rows of one condition only (likely only for small batches over many partitions);
 * the network takes both conditions at once, so the other side is then one placeholder row of this partition,
 * whose gradients go to a scratch buffer and whose terms are dropped: it contributes nothing.
 */
final class PartitionStep {
    /** As the trainer's step workspace: sized on the first task, reset and reused by later ones on the thread. */
    private static final WorkspaceConfiguration WORKSPACE = WorkspaceConfiguration.builder()
            .initialSize(0).policyAllocation(AllocationPolicy.OVERALLOCATE).overallocationLimit(0.2)
            .policyLearning(LearningPolicy.FIRST_LOOP).policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE).build();

    /** One network per architecture and executor JVM (it holds no state of a step). */
    private static final Map<ModelSpec, ContrastiveVae> NETWORKS = new ConcurrentHashMap<>();

    private PartitionStep() {
    }

    /** A matrix as it travels: values (row-major), shape and data type. */
    record Matrix(double[] values, int rows, int cols, String dtype) implements Serializable {
        private static final long serialVersionUID = 1L;

        static Matrix of(INDArray a) {
            return a == null ? null : new Matrix(HostBuffer.read(a), (int) a.rows(), (int) a.columns(),
                    a.dataType().name());
        }

        /** Rows {@code at} of {@code a} (in that order), or null for null. */
        static Matrix rows(INDArray a, int[] at) {
            if (a == null) {
                return null;
            }
            int cols = (int) a.columns();
            double[] all = HostBuffer.read(a);
            double[] v = new double[at.length * cols];
            for (int i = 0; i < at.length; i++) {
                System.arraycopy(all, at[i] * cols, v, i * cols, cols);
            }
            return new Matrix(v, at.length, cols, a.dataType().name());
        }

        INDArray array() {
            return HostBuffer.matrix(values, DataType.valueOf(dtype), rows, cols);
        }
    }

    /** The model's parameters of one step (1 x P) and its architecture: broadcast once per step. */
    record Parameters(ModelSpec model, Matrix values) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * A partition's rows of the step's batches (indices within its block, in batch order) and their noise rows
     * (salientBackground null when the regulariser does not need the background's salient codes).
     */
    record Rows(int[] background, int[] target, Matrix zb, Matrix tb, Matrix zt, Matrix tt)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        boolean isEmpty() {
            return background.length == 0 && target.length == 0;
        }
    }

    /** A partition's posterior parameters of its rows (mu, logVar per block; salientBackground's may be null). */
    record Codes(Matrix[] mu, Matrix[] logVar) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** One block's rows of the regulariser's code gradients, each part null when absent. */
    record Gradient(Matrix sample, Matrix mu, Matrix logVar) implements Serializable {
        private static final long serialVersionUID = 1L;

        static Gradient rows(LatentGradient g, int[] at) {
            return new Gradient(Matrix.rows(g.sampleGradient(), at), Matrix.rows(g.muGradient(), at),
                    Matrix.rows(g.logVarGradient(), at));
        }

        void addTo(LatentGradient g) {
            if (sample != null) {
                g.addSample(sample.array());
            }
            if (mu != null) {
                g.addMu(mu.array());
            }
            if (logVar != null) {
                g.addLogVar(logVar.array());
            }
        }
    }

    /**
     * What round 2 needs: the rows again, their code gradients (null without a regulariser gradient), the KL
     * weight, the whole batches' sizes and the shape of the gradient buffers.
     */
    record Backward(Rows rows, Gradient[] extra, double klWeight, int backgroundCells, int targetCells,
                    boolean shared) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * A partition's gradient parts (1 x P each; in the shared shape only {@code background}, their sum) and its
     * ELBO terms (per-cell means over its rows, NaN for a condition without rows).
     */
    record Parts(Matrix background, Matrix target, Matrix regulariser, double[] terms, int backgroundRows,
                 int targetRows) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private static ContrastiveVae network(ModelSpec spec) {
        return NETWORKS.computeIfAbsent(spec, s -> new ContrastiveVae(s.config()));
    }

    /** Round 1: the posterior parameters of the partition's rows (null when it has none in this step). */
    static Codes forward(CellBlock block, Parameters p, Rows rows) {
        if (rows.isEmpty()) {
            return null;
        }
        // native code on the task's thread only: an executor runs one task per core (as Trainer and SlicedPasses do)
        try (NativeThreads.Lease single = NativeThreads.single();
             MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, "cdgm-spark")) {
            LatentCodes c = pass(block, p, rows).codes();
            boolean hasB = rows.background().length > 0;
            boolean hasT = rows.target().length > 0;
            LatentSample[] s = {hasB ? c.sharedBackground() : null, hasB ? c.salientBackground() : null,
                hasT ? c.sharedTarget() : null, hasT ? c.salientTarget() : null};
            Matrix[] mu = new Matrix[4];
            Matrix[] logVar = new Matrix[4];
            for (int k = 0; k < 4; k++) {
                if (s[k] != null) {
                    mu[k] = Matrix.of(s[k].mu());
                    logVar[k] = Matrix.of(s[k].logVar());
                }
            }
            return new Codes(mu, logVar);
        }
    }

    /** Round 2: the partition's gradient parts and ELBO means (null when it has no rows in this step). */
    static Parts backward(CellBlock block, Parameters p, Backward b) {
        Rows rows = b.rows();
        if (rows.isEmpty()) {
            return null;
        }
        try (NativeThreads.Lease single = NativeThreads.single();
             MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, "cdgm-spark")) {
            ContrastiveVae vae = network(p.model());
            ContrastiveVae.ForwardPass fp = pass(block, p, rows);
            boolean hasB = rows.background().length > 0;
            boolean hasT = rows.target().length > 0;
            GradientBuffers g = b.shared() ? GradientBuffers.shared(vae.layout(), vae.dataType())
                    : GradientBuffers.separate(vae.layout(), vae.dataType());
            // a placeholder side's gradients go to a scratch buffer (see the class comment)
            INDArray gb = hasB ? g.background() : vae.layout().zeros(vae.dataType());
            INDArray gt = hasT ? g.target() : vae.layout().zeros(vae.dataType());
            CodeGradients extra = null;
            if (b.extra() != null) {
                extra = new CodeGradients();
                LatentGradient[] blocks = {extra.sharedBackground, extra.salientBackground, extra.sharedTarget,
                    extra.salientTarget};
                for (int k = 0; k < 4; k++) {
                    if (b.extra()[k] != null) {
                        b.extra()[k].addTo(blocks[k]);
                    }
                }
            }
            ElboTerms t = vae.sliceLossAndGradients(fp, gb, gt, extra, g.regulariser(), b.klWeight(),
                    b.backgroundCells(), b.targetCells());
            double[] terms = {hasB ? t.backgroundNll() : Double.NaN, hasB ? t.backgroundKlShared() : Double.NaN,
                hasT ? t.targetNll() : Double.NaN, hasT ? t.targetKlShared() : Double.NaN,
                hasT ? t.targetKlSalient() : Double.NaN};
            return b.shared() ? new Parts(Matrix.of(g.background()), null, null, terms, rows.background().length,
                    rows.target().length)
                    : new Parts(Matrix.of(g.background()), Matrix.of(g.target()), Matrix.of(g.regulariser()), terms,
                    rows.background().length, rows.target().length);
        }
    }

    /** The forward pass over the partition's rows (a placeholder row for a condition without any). */
    private static ContrastiveVae.ForwardPass pass(CellBlock block, Parameters p, Rows rows) {
        ContrastiveVae vae = network(p.model());
        DataType dtype = vae.dataType();
        int kz = p.model().sharedDim();
        int kt = p.model().salientDim();
        boolean hasB = rows.background().length > 0;
        boolean hasT = rows.target().length > 0;
        CellBatch bBatch = block.batch(Condition.BACKGROUND, hasB ? rows.background() : new int[] {0}, dtype);
        CellBatch tBatch = block.batch(Condition.TARGET, hasT ? rows.target() : new int[] {0}, dtype);
        Noise noise = new Noise(hasB ? rows.zb().array() : Nd4j.zeros(dtype, 1, kz),
                rows.tb() == null ? null : hasB ? rows.tb().array() : Nd4j.zeros(dtype, 1, kt),
                hasT ? rows.zt().array() : Nd4j.zeros(dtype, 1, kz), hasT ? rows.tt().array() : Nd4j.zeros(dtype, 1, kt));
        return vae.forward(p.values().array(), bBatch, tBatch, noise);
    }
}

package org.cdgm.engine.training;

import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.cdgm.engine.data.Condition;
import org.cdgm.engine.model.distributions.CellBatch;
import org.cdgm.engine.model.distributions.LatentSample;
import org.cdgm.engine.model.distributions.Noise;
import org.cdgm.engine.model.network.CodeGradients;
import org.cdgm.engine.model.network.ContrastiveVae;
import org.cdgm.engine.model.network.ElboTerms;
import org.cdgm.engine.model.network.LatentCodes;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Synchronous data parallelism on one machine: each step's background and target batches are cut into T contiguous
 * slices; the training thread runs slice 0 and T - 1 worker threads the others. Each slice's forward pass runs in its
 * thread; the slices' codes are gathered (in batch order) so that the regulariser sees the whole batch, exactly as in
 * a one-thread step; each thread then back-propagates its slice with its rows of the regulariser's code gradients,
 * scaled by 1 / batch rows so that the slices' gradients sum to the batch mean's; the workers' gradient buffers are
 * added into the step's in slice order. The algorithm is the one-thread step's; only the order of the sums over
 * cells differs, so a fit is reproducible bit for bit for a given thread count and agrees with the one-thread fit
 * to rounding.
 *
 * <p>Each worker is its own single-thread executor, so a slice's forward and backward run on the same thread and its
 * arrays live in that thread's step workspace from one to the other; the worker waits for the regulariser's
 * gradients in between. Native code (OpenBLAS, ND4J) must run one thread per caller, or the threads compete for the
 * cores: the {@link Trainer} holds the native thread counts at 1 for the whole fit ({@code numeric.NativeThreads}).
 */
final class SlicedPasses implements StepPasses {
    /** The workers' step workspace (one per thread, configured as the training thread's). */
    private static final String WORKSPACE_ID = "cdgm-training-slice";

    private final ContrastiveVae vae;
    private final LocalCells cells;
    private final int threads;
    private final ExecutorService[] workers;
    private final GradientBuffers[] workerGrads;
    private boolean closed;

    // the step in flight
    private int parts;
    private int[] bBounds;
    private int[] tBounds;
    private ContrastiveVae.ForwardPass first;
    private CompletableFuture<ContrastiveVae.ForwardPass>[] forwards;
    private CompletableFuture<Backward>[] go;
    private Future<ElboTerms>[] done;

    /**
     * @param cells   where the batches' rows are gathered from (on the training thread, as a one-thread step does)
     * @param threads at least 2: the training thread and {@code threads - 1} workers
     * @param grads   the step's buffers, whose shape (shared or separate) each worker's buffers copy
     * @throws IllegalArgumentException when {@code threads} is below 2
     */
    SlicedPasses(ContrastiveVae vae, LocalCells cells, int threads, GradientBuffers grads) {
        if (threads < 2) {
            throw new IllegalArgumentException("Sliced steps need at least 2 threads, got " + threads);
        }
        this.vae = vae;
        this.cells = cells;
        this.threads = threads;
        workers = new ExecutorService[threads - 1];
        workerGrads = new GradientBuffers[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            String name = "cdgm-training-" + (i + 1);
            workers[i] = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
            // outside any workspace: the buffers outlive every step
            try (MemoryWorkspace none = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                workerGrads[i] = grads.sameShape();
            }
        }
    }

    /**
     * Contiguous slices of {@code rows} rows into {@code parts} parts whose sizes differ by at most one (the first
     * {@code rows % parts} one larger).
     *
     * @return parts + 1 bounds: slice i is [b[i], b[i + 1])
     */
    static int[] bounds(int rows, int parts) {
        int[] b = new int[parts + 1];
        int base = rows / parts;
        int extra = rows % parts;
        for (int i = 0; i < parts; i++) {
            b[i + 1] = b[i] + base + (i < extra ? 1 : 0);
        }
        return b;
    }

    @Override
    public LatentCodes forward(INDArray params, int[] backgroundRows, int[] targetRows, Noise noise) {
        return forward(params, cells.batch(Condition.BACKGROUND, backgroundRows, vae.dataType()),
                cells.batch(Condition.TARGET, targetRows, vae.dataType()), noise);
    }

    /** The step on batches already gathered. */
    @SuppressWarnings("unchecked")
    LatentCodes forward(INDArray params, CellBatch background, CellBatch target, Noise noise) {
        if (closed) {
            throw new IllegalStateException("The training threads are closed");
        }
        int nb = (int) background.rows();
        int nt = (int) target.rows();
        parts = Math.max(1, Math.min(threads, Math.min(nb, nt)));
        bBounds = bounds(nb, parts);
        tBounds = bounds(nt, parts);
        forwards = new CompletableFuture[parts];
        go = new CompletableFuture[parts];
        done = new Future[parts];
        for (int s = 1; s < parts; s++) {
            int slice = s;
            forwards[s] = new CompletableFuture<>();
            go[s] = new CompletableFuture<>();
            done[s] = workers[s - 1].submit(() -> work(slice, params, background, target, noise));
        }
        first = vae.forward(params, slice(background, bBounds, 0), slice(target, tBounds, 0),
                slice(noise, 0));
        ContrastiveVae.ForwardPass[] passes = new ContrastiveVae.ForwardPass[parts];
        passes[0] = first;
        for (int s = 1; s < parts; s++) {
            passes[s] = join(forwards[s]);
        }
        return gather(passes, noise);
    }

    /** One worker's step: its slice's forward pass, then (once the regulariser has run) its backward pass. */
    private ElboTerms work(int s, INDArray params, CellBatch background, CellBatch target, Noise noise) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(Trainer.STEP_WORKSPACE,
                WORKSPACE_ID)) {
            ContrastiveVae.ForwardPass fp;
            try {
                fp = vae.forward(params, slice(background, bBounds, s), slice(target, tBounds, s), slice(noise, s));
            } catch (RuntimeException | Error e) {
                forwards[s].completeExceptionally(e);
                throw e;
            }
            forwards[s].complete(fp);
            Backward b = go[s].join(); // throws CancellationException when the step is abandoned
            GradientBuffers g = workerGrads[s - 1];
            g.zeroParts();
            return vae.sliceLossAndGradients(fp, g.background(), g.target(), b.extra(), g.regulariser(),
                    b.klWeight(), bBounds[parts], tBounds[parts]);
        }
    }

    /** What a worker's backward pass needs from the training thread: its rows of the code gradients (or null). */
    private record Backward(CodeGradients extra, double klWeight) {
    }

    @Override
    public ElboTerms backward(CodeGradients extra, double klWeight, GradientBuffers grads) {
        int nb = bBounds[parts];
        int nt = tBounds[parts];
        for (int s = 1; s < parts; s++) {
            go[s].complete(new Backward(extra == null ? null
                    : extra.rows(bBounds[s], bBounds[s + 1], tBounds[s], tBounds[s + 1]), klWeight));
        }
        grads.zeroParts();
        ElboTerms[] terms = new ElboTerms[parts];
        terms[0] = vae.sliceLossAndGradients(first, grads.background(), grads.target(),
                extra == null ? null : extra.rows(0, bBounds[1], 0, tBounds[1]), grads.regulariser(), klWeight,
                nb, nt);
        for (int s = 1; s < parts; s++) {
            terms[s] = get(done[s]);
            grads.addParts(workerGrads[s - 1]);
        }
        return combine(terms);
    }

    /** The batches' per-cell means from the slices' means, weighted by slice rows in slice order. */
    private ElboTerms combine(ElboTerms[] terms) {
        double nb = bBounds[parts];
        double nt = tBounds[parts];
        double bNll = 0;
        double bKl = 0;
        double tNll = 0;
        double tKlz = 0;
        double tKlt = 0;
        for (int s = 0; s < parts; s++) {
            double wb = (bBounds[s + 1] - bBounds[s]) / nb;
            double wt = (tBounds[s + 1] - tBounds[s]) / nt;
            bNll += wb * terms[s].backgroundNll();
            bKl += wb * terms[s].backgroundKlShared();
            tNll += wt * terms[s].targetNll();
            tKlz += wt * terms[s].targetKlShared();
            tKlt += wt * terms[s].targetKlSalient();
        }
        return new ElboTerms(bNll, bKl, tNll, tKlz, tKlt);
    }

    @Override
    public void endStep() {
        if (done == null) {
            return;
        }
        for (int s = 1; s < parts; s++) {
            if (go[s] != null) {
                go[s].completeExceptionally(new CancellationException("The training step was abandoned"));
            }
        }
        for (int s = 1; s < parts; s++) {
            if (done[s] != null) {
                try {
                    done[s].get();
                } catch (ExecutionException | CancellationException e) {
                    // the step failed or was abandoned; the training thread reports its own cause
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        first = null;
        forwards = null;
        go = null;
        done = null;
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (ExecutorService w : workers) {
            // free the worker's workspace memory now instead of when the thread's objects are collected
            w.submit(() -> Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread());
            w.shutdown();
        }
        for (ExecutorService w : workers) {
            try {
                if (!w.awaitTermination(30, TimeUnit.SECONDS)) {
                    w.shutdownNow();
                }
            } catch (InterruptedException e) {
                w.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether every worker thread has ended (after {@link #close}). */
    boolean isTerminated() {
        return Arrays.stream(workers).allMatch(ExecutorService::isTerminated);
    }

    /** The whole batches' codes: the slices' posterior parameters stacked in slice order, the step's noise. */
    private LatentCodes gather(ContrastiveVae.ForwardPass[] passes, Noise noise) {
        LatentSample[] zb = new LatentSample[parts];
        LatentSample[] tb = new LatentSample[parts];
        LatentSample[] zt = new LatentSample[parts];
        LatentSample[] tt = new LatentSample[parts];
        for (int s = 0; s < parts; s++) {
            LatentCodes c = passes[s].codes();
            zb[s] = c.sharedBackground();
            tb[s] = c.salientBackground();
            zt[s] = c.sharedTarget();
            tt[s] = c.salientTarget();
        }
        return new LatentCodes(stack(zb, noise.sharedBackground()),
                noise.salientBackground() == null ? null : stack(tb, noise.salientBackground()),
                stack(zt, noise.sharedTarget()), stack(tt, noise.salientTarget()));
    }

    /** One sample over all slices' rows; its values equal the slices' (the same element-wise computation). */
    private static LatentSample stack(LatentSample[] slices, INDArray eps) {
        INDArray[] mu = new INDArray[slices.length];
        INDArray[] logVar = new INDArray[slices.length];
        for (int s = 0; s < slices.length; s++) {
            mu[s] = slices[s].mu();
            logVar[s] = slices[s].logVar();
        }
        return new LatentSample(Nd4j.vstack(mu), Nd4j.vstack(logVar), eps);
    }

    private static CellBatch slice(CellBatch batch, int[] bounds, int s) {
        CellBatch part = CellBatch.withObservedLibrary(rows(batch.x(), bounds[s], bounds[s + 1]));
        int[] codes = batch.batchCodes();
        return codes == null ? part : part.withBatchCodes(Arrays.copyOfRange(codes, bounds[s], bounds[s + 1]));
    }

    private Noise slice(Noise noise, int s) {
        return new Noise(rows(noise.sharedBackground(), bBounds[s], bBounds[s + 1]),
                noise.salientBackground() == null ? null
                        : rows(noise.salientBackground(), bBounds[s], bBounds[s + 1]),
                rows(noise.sharedTarget(), tBounds[s], tBounds[s + 1]),
                rows(noise.salientTarget(), tBounds[s], tBounds[s + 1]));
    }

    /** Rows [from, to) as a dense copy (the host copies and BLAS calls downstream read dense arrays). */
    private static INDArray rows(INDArray a, int from, int to) {
        return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup('c');
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            throw rethrow(e.getCause());
        }
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrainingCancelledException("Training interrupted");
        }
    }

    /** A worker's exception as the training thread's own (unchecked as all the step's exceptions are). */
    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(cause);
    }
}

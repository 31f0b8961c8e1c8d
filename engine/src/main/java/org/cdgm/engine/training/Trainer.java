package org.cdgm.engine.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.data.DatasetValidator;
import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.model.distributions.CellBatch;
import org.cdgm.engine.model.network.CodeGradients;
import org.cdgm.engine.model.network.ContrastiveVae;
import org.cdgm.engine.model.network.ElboTerms;
import org.cdgm.engine.model.network.LatentCodes;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.model.ModelProvenance;
import org.cdgm.engine.model.distributions.Noise;
import org.cdgm.engine.model.parameters.ParameterLayout;
import org.cdgm.engine.model.TrainedModel;
import org.cdgm.engine.numeric.NativeThreads;
import org.cdgm.engine.objectives.Regulariser;
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
 * Fits a contrastive VAE (scvi-tools' "training plan", Tribuo's Trainer). The training mode contributes two parts
 * ({@link TrainingPlan}): a {@link GradientCombiner} that turns a step's gradients into an update direction and a
 * {@link RegulariserWeight} that weights the regulariser; everything else (sampling, forward and backward pass,
 * clipping, Adam, validation, checkpoints, early stopping) is the same for every mode. One step runs one forward and
 * one backward pass, so MO costs the same passes as classic training. Everything random derives from the seed; with
 * a fixed thread count a fit is reproducible bit for bit.
 */
public final class Trainer {
    /**
     * A step whose training loss exceeds this many times the first step's has blown up (a finite 1e17 is as
     * useless as NaN): with 1,000-2,000 genes and Adam 1e-2 the target loss reached 1e11-1e17 in the first epoch.
     */
    static final double EXPLOSION_FACTOR = 1000;

    /** The smallest batch a step can use (the regularisers' kernel widths need two cells of each set). */
    static final int MIN_BATCH = 2;

    /** Sized on the first step, then reset and reused every step (the per-step arrays have the same shapes). */
    static final WorkspaceConfiguration STEP_WORKSPACE = WorkspaceConfiguration.builder()
            .initialSize(0).policyAllocation(AllocationPolicy.OVERALLOCATE).overallocationLimit(0.2)
            .policyLearning(LearningPolicy.FIRST_LOOP).policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE).build();

    /**
     * Lambda above which an automatic epsilon counts as out of reach: the constraint's price is then a hundred times
     * the ELBO's weight. Fits that met epsilon ended with lambda below 2 (the simulations, Papalexi at 0.3: 0.39-0.63);
     * the Papalexi screen at the automatic epsilon ended at 1,000-2,340.
     */
    static final double LAMBDA_UNREACHABLE = 100;

    /** Validation pairs are evaluated with fixed noise so the early-stopping signal is not sampling noise. */
    private record ValidationChunk(CellBatch background, CellBatch target, Noise noise) {
    }

    /** What one step contributes to its epoch's means. */
    private record StepOutcome(ElboTerms terms, double regulariser, double alpha) {
    }

    private final ModelConfig config;
    private final TrainingSettings settings;
    private final TrainingPlan plan;

    /** Trains in the mode of {@code settings}. */
    public Trainer(ModelConfig config, TrainingSettings settings) {
        this(config, settings, settings.mode().plan());
    }

    /**
     * Trains with the given combiner and regulariser weight instead of those of {@code settings.mode()} (a mode not
     * registered in {@link TrainingMode}); the settings' mode is then only recorded in the model's provenance.
     */
    public Trainer(ModelConfig config, TrainingSettings settings, TrainingPlan plan) {
        this.config = Objects.requireNonNull(config, "config");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.plan = Objects.requireNonNull(plan, "plan");
    }

    /**
     * Trains the model on the data by minibatch stochastic optimisation of the negative ELBOs of the background and
     * target cells plus a regulariser on the latent codes. Per epoch, {@code ceil(max(n_b, n_t) / B)} steps each
     * draw B background and B target training cells (B = the batch size, lowered to the smaller training set), run
     * the encoders and decoder once, weight the regulariser ({@link RegulariserWeight}: a fixed penalty, or the dual
     * variable lambda of R <= epsilon updated by projected dual ascent, Boyd and Vandenberghe 2004; Platt and Barr
     * 1988), back-propagate into {@link GradientBuffers} (1 x P vectors, P = the model's parameter count), combine
     * them into an update direction ({@link GradientCombiner}: their sum, or on the shared parameters MGDA's
     * min-norm combination alpha g_b + (1 - alpha) g_t, Désidéri 2012), clip its norm ({@link GradientClipper}) and
     * take an Adam step (Kingma and Ba 2015). MO-cVAE and CO-cVAE are those of Lopez et al., CLeaR 2024. After each
     * epoch the held-out cells are evaluated; the epoch with the best validation objective (for a constraint: the
     * best among those that meet it, {@link CheckpointSelector}) is kept, and training stops after
     * {@link TrainingSettings#patience()} epochs without improvement.
     *
     * <p>An automatic epsilon that the data clearly cannot meet (the kept epoch's regulariser above it and lambda
     * ending above {@value #LAMBDA_UNREACHABLE}: on the Papalexi screen lambda climbs past 1,000 and squeezes the
     * salient space to a point) is raised once: training starts again with epsilon set to the level this data
     * reached (the kept epoch's regulariser plus two standard errors) plus
     * {@link TrainingSettings#AUTO_EPSILON_MARGIN}, and the result's notes say so. "Auto" then means a level the
     * data can meet; a fixed epsilon is never changed.
     *
     * @param data    background (n_b cells) and target (n_t cells) over the model's G genes, values in the
     *                likelihood's domain (counts for count likelihoods)
     * @param monitor receives progress (fraction of steps done, in [0, 1]), each {@link EpochReport} (losses in nats
     *                per cell) and is asked for cancellation before every step
     * @return the model at the kept epoch, the per-epoch history, the final lambda (NaN without a constraint), the
     *         {@link ConstraintReport} and notes for the user
     * @throws InvalidInputException      when the data do not fit the model or its settings (gene count, values
     *                                    outside the likelihood's domain, too few cells for a batch of
     *                                    {@value #MIN_BATCH} after the validation split)
     * @throws IllegalArgumentException   when the data's batch covariate does not match the model's batch levels
     * @throws TrainingDivergedException  when the codes, a loss term, the regulariser, the gradient or the
     *                                    validation loss become non-finite, or the training loss exceeds
     *                                    {@value #EXPLOSION_FACTOR} times the first step's
     * @throws TrainingCancelledException when {@link TrainingMonitor#isCancelled()} answers true
     */
    public TrainingResult fit(ContrastiveDataset data, TrainingMonitor monitor) {
        return fit(TrainingCells.of(data), monitor);
    }

    /**
     * As {@link #fit(ContrastiveDataset, TrainingMonitor)} on cells that may live elsewhere (a cluster's executors):
     * the training plan runs here, the network's passes where {@link TrainingCells#passes} puts them. With the same
     * seed the fit samples the same cells and draws the same noise as on a {@link ContrastiveDataset} of the same
     * rows; only the order of the sums over a batch's cells differs.
     *
     * @throws InvalidInputException      as {@link #fit(ContrastiveDataset, TrainingMonitor)}, from
     *                                    {@link TrainingCells#validate} for the values
     * @throws IllegalArgumentException   when the cells' batch covariate does not match the model's batch levels
     * @throws TrainingDivergedException  as {@link #fit(ContrastiveDataset, TrainingMonitor)}
     * @throws TrainingCancelledException when {@link TrainingMonitor#isCancelled()} answers true
     */
    public TrainingResult fit(TrainingCells data, TrainingMonitor monitor) {
        TrainingResult first = fitOnce(data, monitor);
        ConstraintReport c = first.constraint();
        if (!settings.autoEpsilon() || c.status() != ConstraintReport.Status.NOT_MET
                || !(first.finalLambda() > LAMBDA_UNREACHABLE) || !Double.isFinite(c.regulariser())) {
            return first;
        }
        double reachable = c.regulariser() + 2 * (Double.isFinite(c.standardError()) ? c.standardError() : 0)
                + TrainingSettings.AUTO_EPSILON_MARGIN;
        String note = String.format(Locale.ROOT, "The automatic epsilon %.4g could not be met (regulariser "
                + "%.4g at the kept epoch, lambda %.3g at the end): trained again with epsilon %.4g, the level this "
                + "data reached plus %.2f.", c.epsilon(), c.regulariser(), first.finalLambda(), reachable,
                TrainingSettings.AUTO_EPSILON_MARGIN);
        monitor.onProgress(0, note);
        TrainingResult second = new Trainer(config, settings.withConstraint(reachable, settings.dualLearningRate()),
                plan).fitOnce(data, monitor);
        List<String> notes = new ArrayList<>();
        notes.add(note);
        notes.addAll(second.notes());
        return new TrainingResult(second.model(), second.history(), second.bestEpoch(), second.stoppedEarly(),
                second.finalLambda(), second.constraint(), first.cellsProcessed() + second.cellsProcessed(), notes);
    }

    /** One fit: epochs of steps, each epoch validated and offered as a checkpoint, until done or out of patience. */
    private TrainingResult fitOnce(TrainingCells data, TrainingMonitor monitor) {
        requireCompatible(data);
        try (Fit fit = new Fit(data)) {
            List<EpochReport> history = new ArrayList<>();
            boolean stoppedEarly = false;
            for (int epoch = 1; epoch <= settings.epochs() && !stoppedEarly; epoch++) {
                EpochReport report = fit.epoch(epoch, monitor);
                history.add(report);
                monitor.onEpoch(report);
                stoppedEarly = !fit.checkpoint(report);
            }
            return fit.result(history, stoppedEarly, monitor);
        }
    }

    /** @throws InvalidInputException or IllegalArgumentException as {@link #fit} says */
    private void requireCompatible(TrainingCells data) {
        data.validate(config.likelihood().valueDomain());
        if (data.genes().size() != config.genes()) {
            throw new InvalidInputException("The model is configured for " + config.genes() + " genes but the data "
                    + "have " + data.genes().size());
        }
        if (data.batchLevels() != config.batchLevels()) {
            throw new IllegalArgumentException("The model is configured for " + config.batchLevels() + " batch levels "
                    + "but the data have " + (data.batch() == null ? "no batch covariate" : data.batchLevels()
                    + " (batch column " + data.batch().column() + "): build the configuration with "
                    + "withBatchLevels(data.batchLevels())"));
        }
    }

    /**
     * The state of one fit: data splits, model, optimiser, the mode's combiner and weight, progress counters, and
     * the threads its steps run on (released by {@link #close}).
     */
    private final class Fit implements AutoCloseable {
        private final TrainingCells data;
        private final List<String> notes = new ArrayList<>();
        private final int batch;
        private final int stepsPerEpoch;
        private final long totalSteps;
        private final long warmupSteps;
        private final long klWarmupSteps;
        private final ContrastiveVae vae;
        private final DataType dtype;
        private final INDArray params;
        private final Regulariser reg;
        private final boolean needTb;
        private final SplittableRandom noiseRng;
        private final BatchSampler bSampler;
        private final BatchSampler tSampler;
        private final List<ValidationChunk> validation;
        private final Adam adam;
        private final GradientClipper clipper;
        private final GradientCombiner combiner;
        private final GradientBuffers grads;
        private final RegulariserWeight weight;
        /** Threads the steps run on, "auto" resolved (recorded in the provenance). */
        private final int threads;
        private final CheckpointSelector checkpoints;
        private final StepPasses passes;
        private final NativeThreads.Lease nativeThreads;
        private long globalStep;
        private double firstStepLoss = Double.NaN;
        private int sinceImprovement;

        /** @throws InvalidInputException when a data set has too few training cells for a batch */
        Fit(TrainingCells data) {
            this.data = data;
            // the order of these draws fixes every random number of the fit: changing it changes the numbers
            SplittableRandom root = new SplittableRandom(settings.seed());
            long initSeed = root.nextLong();
            SplittableRandom splitRng = root.split();
            SplittableRandom shuffleRng = root.split();
            noiseRng = root.split();
            SplittableRandom validationNoiseRng = root.split();

            DataSplit bSplit = DataSplit.of(data.cells(Condition.BACKGROUND), settings.validationFraction(), splitRng);
            DataSplit tSplit = DataSplit.of(data.cells(Condition.TARGET), settings.validationFraction(), splitRng);
            DatasetValidator.requireEnoughCells(Condition.BACKGROUND, bSplit.training().length, MIN_BATCH,
                    settings.validationFraction());
            DatasetValidator.requireEnoughCells(Condition.TARGET, tSplit.training().length, MIN_BATCH,
                    settings.validationFraction());
            batch = effectiveBatchSize(settings.batchSize(), bSplit.training().length, tSplit.training().length,
                    settings.validationFraction(), notes);
            stepsPerEpoch = (int) Math.ceil(Math.max(bSplit.training().length, tSplit.training().length)
                    / (double) batch);
            totalSteps = (long) stepsPerEpoch * settings.epochs();
            warmupSteps = (long) settings.warmupEpochs() * stepsPerEpoch;
            klWarmupSteps = (long) settings.klWarmupEpochs() * stepsPerEpoch;

            vae = new ContrastiveVae(config);
            dtype = vae.dataType();
            ParameterLayout layout = vae.layout();
            params = vae.initialParameters(initSeed);
            reg = settings.regulariser().create(settings.bandwidth());
            needTb = reg != null && reg.needsSalientBackground();
            bSampler = new BatchSampler(data, Condition.BACKGROUND, bSplit.training(), shuffleRng.split());
            tSampler = new BatchSampler(data, Condition.TARGET, tSplit.training(), shuffleRng.split());
            validation = validationChunks(data, bSplit, tSplit, validationNoiseRng, dtype, needTb, batch);

            adam = new Adam(settings.learningRate(), params);
            clipper = new GradientClipper(settings.gradientClip());
            combiner = plan.combiner().get();
            grads = combiner.buffers(layout, dtype);
            weight = plan.weight().get();
            weight.start(settings, stepsPerEpoch);
            checkpoints = new CheckpointSelector(weight.isConstraint());
            int local = settings.threadsFor(batch, data.genes().size());
            if (settings.threads() != TrainingSettings.AUTO_THREADS && local < settings.threads()) {
                notes.add("Threads lowered from " + settings.threads() + " to " + local + ": a step has " + batch
                        + " cells of each condition, and each thread needs at least one.");
            }
            int processors = Runtime.getRuntime().availableProcessors();
            if (local > processors) {
                notes.add(local + " threads on " + processors + " processors: the threads take turns on the "
                        + "processors, which is slower than " + processors + " (automatic threads use " + processors
                        + " for large steps).");
            }
            passes = data.passes(vae, local, grads);
            threads = passes.threads();
            // native code on one thread per training thread until close: the same numbers whatever
            // OMP_NUM_THREADS the host has (KNIME sets none), and no contention with the sliced passes' threads
            nativeThreads = NativeThreads.single();
        }

        /** Ends the worker threads, if any (also after a cancelled or failed fit). */
        @Override
        public void close() {
            try {
                passes.close();
            } finally {
                nativeThreads.close();
            }
        }

        /** The steps of one epoch, then the validation losses; returns the epoch's report. */
        EpochReport epoch(int epoch, TrainingMonitor monitor) {
            long t0 = System.nanoTime();
            double sumB = 0;
            double sumT = 0;
            double sumR = 0;
            double sumAlpha = 0; // NaN after the first step of a combiner without alpha (the report then says NaN)
            for (int step = 1; step <= stepsPerEpoch; step++) {
                if (monitor.isCancelled()) {
                    throw new TrainingCancelledException("Training cancelled at epoch " + epoch + ", step " + step);
                }
                StepOutcome s = step(epoch, step);
                requireNoExplosion(s.terms(), epoch, step);
                sumB += s.terms().backgroundLoss();
                sumT += s.terms().targetLoss();
                sumR += s.regulariser();
                sumAlpha += s.alpha();
                long done = (long) (epoch - 1) * stepsPerEpoch + step;
                monitor.onProgress(done / (double) totalSteps, "Epoch " + epoch + " of " + settings.epochs());
            }
            double[] val = evaluate(vae, params, validation, reg);
            return new EpochReport(epoch, sumB / stepsPerEpoch, sumT / stepsPerEpoch,
                    reg == null ? Double.NaN : sumR / stepsPerEpoch, val[0], val[1], val[2],
                    sumAlpha / stepsPerEpoch, weight.lambda(), (System.nanoTime() - t0) / 1e9);
        }

        /**
         * One optimisation step: sample, forward, regulariser, gradients, combine, clip, Adam, update the weight.
         * Every array of a step lives in one reused workspace: ND4J's per-array allocation and release were about
         * 30 % of native time in a profile of the NB fit. Only parameters, optimiser state and gradient buffers
         * (created outside) outlive the step; everything else is numbers. With several threads ({@link SlicedPasses})
         * the forward and backward passes run on slices of the batch, the rest here on the whole batch; the step's
         * scope ends (no worker left in it) before its workspace closes.
         */
        private StepOutcome step(int epoch, int step) {
            try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP_WORKSPACE,
                    "cdgm-training-step"); StepPasses.Scope scope = passes.scope()) {
                LatentCodes codes = forward(epoch, step);
                globalStep++;
                if (reg != null) {
                    weight.observe(reg, codes);
                }
                double w = weight.weight();
                CodeGradients extra = reg != null && w > 0 ? new CodeGradients() : null;
                double r = reg == null ? 0.0 : reg.evaluate(codes, extra, w);
                ElboTerms terms = passes.backward(extra, ramp(klWarmupSteps), grads);
                checkFinite(terms, r, epoch, step);
                GradientCombiner.Combination c = combiner.combine(grads);
                if (!Double.isFinite(c.norm())) {
                    throw diverged(epoch, step, "the gradient", c.norm());
                }
                clipper.clip(grads.direction(), c.norm());
                adam.step(params, grads.direction(), ramp(warmupSteps));
                weight.update(r);
                return new StepOutcome(terms, r, c.alpha());
            }
        }

        /**
         * Draws the step's background and target minibatches (row indices) and noise and runs the encoders and
         * decoder where the rows are.
         *
         * @return the whole batches' codes
         */
        private LatentCodes forward(int epoch, int step) {
            int[] bRows = bSampler.next(batch);
            int[] tRows = tSampler.next(batch);
            Noise noise = Noise.draw(noiseRng, batch, batch, config.sharedDim(), config.salientDim(), dtype, needTb);
            LatentCodes codes = passes.forward(params, bRows, tRows, noise);
            requireFiniteCodes(codes, epoch, step);
            return codes;
        }

        /** A linear warm-up factor in (0, 1] over {@code steps} steps (1 without warm-up). */
        private double ramp(long steps) {
            return steps == 0 ? 1.0 : Math.min(1.0, globalStep / (double) steps);
        }

        private void requireNoExplosion(ElboTerms terms, int epoch, int step) {
            double stepLoss = terms.backgroundLoss() + terms.targetLoss();
            if (Double.isNaN(firstStepLoss)) {
                firstStepLoss = stepLoss;
            } else if (stepLoss > EXPLOSION_FACTOR * Math.max(Math.abs(firstStepLoss), 1.0)) {
                throw diverged(epoch, step, String.format(Locale.ROOT,
                        "the training loss (%.4g at the first step)", firstStepLoss), stepLoss);
            }
        }

        /**
         * Offers the epoch to the checkpoint selector; returns false when patience has run out (stop early).
         *
         * @throws TrainingDivergedException when the validation loss is not finite
         */
        boolean checkpoint(EpochReport report) {
            double loss = report.validationBackgroundLoss() + report.validationTargetLoss();
            if (!validation.isEmpty() && !Double.isFinite(loss)) {
                throw diverged(report.epoch(), stepsPerEpoch, "the validation loss", loss);
            }
            double objective = validation.isEmpty() ? Double.NaN // no validation split: the later epoch wins
                    : reg == null ? loss : weight.validationObjective(loss, report.validationRegulariser());
            RegulariserWeight.Estimate e = weight.estimate();
            if (checkpoints.offer(report.epoch(), objective, e.regulariser(), e.standardError(), e.epsilon(),
                    params)) {
                sinceImprovement = 0;
                return true;
            }
            return !(settings.patience() > 0 && ++sinceImprovement >= settings.patience());
        }

        /** The kept model, with the constraint's verdict and the notes gathered over the fit. */
        TrainingResult result(List<EpochReport> history, boolean stoppedEarly, TrainingMonitor monitor) {
            if (clipper.clippedSteps() > 0) {
                notes.add("Gradient clipping capped " + clipper.clippedSteps() + " of " + globalStep + " steps (a "
                        + "gradient above " + settings.gradientClip() + " times its running size).");
            }
            ConstraintReport constraint = weight.report(checkpoints.bestFeasible(), checkpoints.bestRegulariser(),
                    checkpoints.bestStandardError());
            notes.addAll(weight.notes(history));
            monitor.onProgress(1.0, "Done");
            TrainedModel model = new TrainedModel(config, checkpoints.bestParams(), data.genes(), data.batch(),
                    provenance(data, reg, checkpoints.bestEpoch(), history.size(), constraint, threads, batch));
            long cellsProcessed = 2L * batch * stepsPerEpoch * history.size();
            return new TrainingResult(model, history, checkpoints.bestEpoch(), stoppedEarly, weight.lambda(),
                    constraint, cellsProcessed, notes);
        }
    }

    /**
     * The batch size used: the setting, lowered to the smaller training set when that has fewer cells (a small
     * data set then trains with full batches instead of being refused), with a note saying so.
     */
    static int effectiveBatchSize(int setting, int backgroundTraining, int targetTraining, double validationFraction,
                                  List<String> notes) {
        int smaller = Math.min(backgroundTraining, targetTraining);
        if (smaller >= setting) {
            return setting;
        }
        notes.add("Batch size lowered from " + setting + " to " + smaller + ": the "
                + (backgroundTraining <= targetTraining ? "background" : "target") + " has " + smaller
                + " training cells (after holding out " + Math.round(validationFraction * 100)
                + "% for validation), so each step uses all of them.");
        return smaller;
    }

    /**
     * Non-finite latent codes mean the encoder has diverged; said here, before a regulariser (whose kernel width
     * comes from the codes) or the likelihood reports a consequence of it in its own words.
     */
    private void requireFiniteCodes(LatentCodes codes, int epoch, int step) {
        double sum = codes.finiteCheckSum();
        if (!Double.isFinite(sum)) {
            throw diverged(epoch, step, "the latent codes (the encoder's output)", sum);
        }
    }

    /**
     * The held-out pairs of batches, gathered to this JVM once (validation fraction x cells) with their fixed
     * noise.
     */
    private List<ValidationChunk> validationChunks(TrainingCells data, DataSplit b, DataSplit t,
                                                   SplittableRandom rng, DataType dtype, boolean needTb, int batch) {
        List<ValidationChunk> chunks = new ArrayList<>();
        int nb = b.validation().length;
        int nt = t.validation().length;
        if (nb == 0 || nt == 0) {
            return chunks;
        }
        int size = Math.min(batch, Math.max(nb, nt));
        int count = (int) Math.ceil(Math.max(nb, nt) / (double) size);
        List<int[]> rb = new ArrayList<>(count);
        List<int[]> rt = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            rb.add(cyclic(b.validation(), c * size, Math.min(size, nb)));
            rt.add(cyclic(t.validation(), c * size, Math.min(size, nt)));
        }
        List<CellBatch> background = data.gather(Condition.BACKGROUND, rb, dtype);
        List<CellBatch> target = data.gather(Condition.TARGET, rt, dtype);
        for (int c = 0; c < count; c++) {
            chunks.add(new ValidationChunk(background.get(c), target.get(c), Noise.draw(rng, rb.get(c).length,
                    rt.get(c).length, config.sharedDim(), config.salientDim(), dtype, needTb)));
        }
        return chunks;
    }

    private static int[] cyclic(int[] rows, int start, int length) {
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            out[i] = rows[(start + i) % rows.length];
        }
        return out;
    }

    /** Mean background loss, target loss and regulariser over the validation chunks (NaN without any). */
    private static double[] evaluate(ContrastiveVae vae, INDArray params, List<ValidationChunk> chunks,
                                     Regulariser reg) {
        if (chunks.isEmpty()) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        double b = 0;
        double t = 0;
        double r = 0;
        for (ValidationChunk c : chunks) {
            ContrastiveVae.ForwardPass fp = vae.forward(params, c.background(), c.target(), c.noise());
            if (!Double.isFinite(fp.codes().finiteCheckSum())) {
                return new double[] {Double.NaN, Double.NaN, Double.NaN}; // the caller reports the divergence
            }
            ElboTerms terms = vae.evaluate(fp);
            b += terms.backgroundLoss();
            t += terms.targetLoss();
            r += reg == null ? 0 : reg.evaluate(fp.codes(), null, 1.0);
        }
        int n = chunks.size();
        return new double[] {b / n, t / n, reg == null ? Double.NaN : r / n};
    }

    private void checkFinite(ElboTerms terms, double r, int epoch, int step) {
        if (!Double.isFinite(terms.backgroundNll())) {
            throw diverged(epoch, step, "the background likelihood term", terms.backgroundNll());
        }
        if (!Double.isFinite(terms.targetNll())) {
            throw diverged(epoch, step, "the target likelihood term", terms.targetNll());
        }
        if (!Double.isFinite(terms.backgroundKlShared() + terms.targetKlShared() + terms.targetKlSalient())) {
            throw diverged(epoch, step, "the KL divergence to the prior",
                    terms.backgroundKlShared() + terms.targetKlShared() + terms.targetKlSalient());
        }
        if (!Double.isFinite(r)) {
            throw diverged(epoch, step, "the regulariser", r);
        }
    }

    private TrainingDivergedException diverged(int epoch, int step, String what, double value) {
        return new TrainingDivergedException("Training diverged at epoch " + epoch + ", step " + step + ": " + what
                + " became " + value + ". The learning rate (" + settings.learningRate() + ") is probably too high "
                + "for these data; try " + settings.learningRate() / 10 + ". Also check for extreme cells or genes, "
                + "and that count data use a count likelihood (now " + config.likelihood() + ").");
    }

    /** How this fit was made; the source file is set by the caller that read the data (TrainedModel.withSource). */
    /**
     * The fit's provenance. The settings are stored with the thread count the fit ran on, "auto" resolved: a fit's
     * numbers depend on it (slices are reduced in a fixed order per count), so the model file says how to repeat it;
     * and with the batch size it used (lowered to the smaller training set, {@link #effectiveBatchSize}).
     */
    private ModelProvenance provenance(TrainingCells data, Regulariser reg, int bestEpoch, int epochsRun,
                                       ConstraintReport constraint, int threads, int batch) {
        return ModelProvenance.ofFit(EngineVersion.get(), data.genes(),
                settings.withThreads(threads).withBatchSize(batch), config,
                data.cells(Condition.BACKGROUND), data.cells(Condition.TARGET), reg == null ? "none" : reg.name(),
                bestEpoch, epochsRun, constraint.describe(),
                String.valueOf(System.getenv("OMP_NUM_THREADS")));
    }

}

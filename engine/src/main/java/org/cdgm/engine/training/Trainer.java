package org.cdgm.engine.training;

import java.util.ArrayList;
import java.util.List;
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
 * Fits a contrastive VAE (scvi-tools' "training plan", Tribuo's Trainer). One step draws a background and a
 * target minibatch, runs one forward and one backward pass, and writes the background and target gradients into
 * separate buffers only when MGDA needs them apart, so MO costs the same passes as classic training. Everything
 * random derives from the seed; with a fixed thread count a fit is reproducible bit for bit.
 */
public final class Trainer {
    /**
     * A step whose training loss exceeds this many times the first step's has blown up (a finite 1e17 is as
     * useless as NaN): with 1,000-2,000 genes and Adam 1e-2 the target loss reached 1e11-1e17 in the first epoch.
     */
    static final double EXPLOSION_FACTOR = 1000;

    /**
     * The smallest rise of lambda at the end of a fit worth a note: lambda multiplies a regulariser of order 0.01-0.1
     * next to losses of tens to thousands per cell, so a rise below 0.05 changes nothing the user would see.
     */
    static final double LAMBDA_RISE = 0.05;

    /** Sized on the first step, then reset and reused every step (the per-step arrays have the same shapes). */
    /** The smallest batch a step can use (the regularisers' kernel widths need two cells of each set). */
    static final int MIN_BATCH = 2;
    private static final WorkspaceConfiguration STEP_WORKSPACE = WorkspaceConfiguration.builder()
            .initialSize(0).policyAllocation(AllocationPolicy.OVERALLOCATE).overallocationLimit(0.2)
            .policyLearning(LearningPolicy.FIRST_LOOP).policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE).build();

    /** Validation pairs are evaluated with fixed noise so the early-stopping signal is not sampling noise. */
    private record ValidationChunk(CellBatch background, CellBatch target, Noise noise) {
    }

    /**
     * Lambda above which an automatic epsilon counts as out of reach: the constraint's price is then a hundred times
     * the ELBO's weight. Fits that met epsilon ended with lambda below 2 (the simulations, Papalexi at 0.3: 0.39-0.63);
     * the Papalexi screen at the automatic epsilon ended at 1,000-2,340.
     */
    static final double LAMBDA_UNREACHABLE = 100;

    private final ModelConfig config;
    private final TrainingSettings settings;

    public Trainer(ModelConfig config, TrainingSettings settings) {
        this.config = config;
        this.settings = settings;
    }

    /**
     * Trains the model on the data. An automatic epsilon that the data clearly cannot meet (the kept epoch's
     * regulariser above it and lambda ending above {@value #LAMBDA_UNREACHABLE}: on the Papalexi screen lambda
     * climbs past 1,000 and squeezes the salient space to a point) is raised once: training starts again with
     * epsilon set to the level this data reached (the kept epoch's regulariser plus two standard errors) plus
     * {@link TrainingSettings#AUTO_EPSILON_MARGIN}, and the result's notes say so. "Auto" then means a level the data
     * can meet; a fixed epsilon is never changed.
     *
     * @throws InvalidInputException when the data do not fit the model or its settings (genes, cells, values)
     */
    public TrainingResult fit(ContrastiveDataset data, TrainingMonitor monitor) {
        TrainingResult first = fitOnce(data, monitor);
        ConstraintReport c = first.constraint();
        if (!settings.autoEpsilon() || c.status() != ConstraintReport.Status.NOT_MET
                || !(first.finalLambda() > LAMBDA_UNREACHABLE) || !Double.isFinite(c.regulariser())) {
            return first;
        }
        double reachable = c.regulariser() + 2 * (Double.isFinite(c.standardError()) ? c.standardError() : 0)
                + TrainingSettings.AUTO_EPSILON_MARGIN;
        String note = String.format(java.util.Locale.ROOT, "The automatic epsilon %.4g could not be met (regulariser "
                + "%.4g at the kept epoch, lambda %.3g at the end): trained again with epsilon %.4g, the level this "
                + "data reached plus %.2f.", c.epsilon(), c.regulariser(), first.finalLambda(), reachable,
                TrainingSettings.AUTO_EPSILON_MARGIN);
        monitor.onProgress(0, note);
        TrainingResult second = new Trainer(config, settings.withConstraint(reachable, settings.dualLearningRate()))
                .fitOnce(data, monitor);
        List<String> notes = new ArrayList<>();
        notes.add(note);
        notes.addAll(second.notes());
        return new TrainingResult(second.model(), second.history(), second.bestEpoch(), second.stoppedEarly(),
                second.finalLambda(), second.constraint(), first.cellsProcessed() + second.cellsProcessed(), notes);
    }

    private TrainingResult fitOnce(ContrastiveDataset data, TrainingMonitor monitor) {
        DatasetValidator.validate(data, config.likelihood().valueDomain());
        if (data.geneCount() != config.genes()) {
            throw new InvalidInputException("The model is configured for " + config.genes() + " genes but the data "
                    + "have " + data.geneCount());
        }
        if (data.batchLevels() != config.batchLevels()) {
            throw new IllegalArgumentException("The model is configured for " + config.batchLevels() + " batch levels "
                    + "but the data have " + (data.batch() == null ? "no batch covariate" : data.batchLevels()
                    + " (batch column " + data.batch().column() + "): build the configuration with "
                    + "withBatchLevels(data.batchLevels())"));
        }
        SplittableRandom root = new SplittableRandom(settings.seed());
        long initSeed = root.nextLong();
        SplittableRandom splitRng = root.split();
        SplittableRandom shuffleRng = root.split();
        SplittableRandom noiseRng = root.split();
        SplittableRandom validationNoiseRng = root.split();

        DataSplit bSplit = DataSplit.of(data.background().cells(), settings.validationFraction(), splitRng);
        DataSplit tSplit = DataSplit.of(data.target().cells(), settings.validationFraction(), splitRng);
        DatasetValidator.requireEnoughCells(Condition.BACKGROUND, bSplit.training().length, MIN_BATCH,
                settings.validationFraction());
        DatasetValidator.requireEnoughCells(Condition.TARGET, tSplit.training().length, MIN_BATCH,
                settings.validationFraction());
        List<String> notes = new ArrayList<>();
        int batch = effectiveBatchSize(settings.batchSize(), bSplit.training().length, tSplit.training().length,
                settings.validationFraction(), notes);

        ContrastiveVae vae = new ContrastiveVae(config);
        DataType dtype = vae.dataType();
        ParameterLayout layout = vae.layout();
        INDArray params = vae.initialParameters(initSeed);
        Regulariser reg = settings.regulariser().create(settings.bandwidth());
        boolean needTb = reg != null && reg.needsSalientBackground();
        int kz = config.sharedDim();
        int kt = config.salientDim();

        BatchSampler bSampler = new BatchSampler(data.background(), bSplit.training(), shuffleRng.split(), dtype);
        BatchSampler tSampler = new BatchSampler(data.target(), tSplit.training(), shuffleRng.split(), dtype);
        List<ValidationChunk> validation = validationChunks(data, bSplit, tSplit, validationNoiseRng, dtype, needTb,
                batch);

        Adam adam = new Adam(settings.learningRate(), params);
        DualAscent dual = settings.mode().isConstrained()
                ? new DualAscent(settings.epsilon(), settings.dualLearningRate(), 0.0) : null;
        GradientClipper clipper = new GradientClipper(settings.gradientClip());
        boolean mo = settings.mode().isMultiObjective();
        INDArray gB = layout.zeros(dtype);
        INDArray gT = mo ? layout.zeros(dtype) : gB;
        INDArray gR = mo ? layout.zeros(dtype) : gB;
        INDArray direction = mo ? layout.zeros(dtype) : gB;
        CheckpointSelector checkpoints = new CheckpointSelector(settings.mode().isConstrained());

        int stepsPerEpoch = (int) Math.ceil(Math.max(bSplit.training().length, tSplit.training().length)
                / (double) batch);
        long totalSteps = (long) stepsPerEpoch * settings.epochs();
        long warmupSteps = (long) settings.warmupEpochs() * stepsPerEpoch;
        long klWarmupSteps = (long) settings.klWarmupEpochs() * stepsPerEpoch;
        FeasibilityWindow window = new FeasibilityWindow(stepsPerEpoch);
        // the regulariser's noise floor is averaged over the first steps; "auto" epsilon sits a margin above it
        int floorSteps = Math.max(stepsPerEpoch, FeasibilityWindow.MIN_STEPS);
        double floorSum = 0;
        int floorCount = 0;
        double epsilon = settings.epsilon();
        long globalStep = 0;
        List<EpochReport> history = new ArrayList<>();
        int sinceImprovement = 0;
        boolean stoppedEarly = false;
        double firstStepLoss = Double.NaN;

        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            long t0 = System.nanoTime();
            double sumB = 0;
            double sumT = 0;
            double sumR = 0;
            double sumAlpha = 0;
            for (int step = 1; step <= stepsPerEpoch; step++) {
                if (monitor.isCancelled()) {
                    throw new TrainingCancelledException("Training cancelled at epoch " + epoch + ", step " + step);
                }
                // Every array of a step lives in one reused workspace: ND4J's per-array allocation and release
                // were about 30 % of native time in a profile of the NB fit. Only parameters, optimiser state and
                // gradient buffers (created outside) outlive the step; everything else is numbers.
                ElboTerms terms;
                double r;
                try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP_WORKSPACE,
                        "cdgm-training-step")) {
                    CellBatch bBatch = bSampler.next(batch);
                    CellBatch tBatch = tSampler.next(batch);
                    Noise noise = Noise.draw(noiseRng, batch, batch, kz, kt, dtype, needTb);
                    ContrastiveVae.ForwardPass fp = vae.forward(params, bBatch, tBatch, noise);
                    requireFiniteCodes(fp.codes(), epoch, step);
                    globalStep++;
                    if (dual != null && floorCount < floorSteps) {
                        floorSum += reg.noiseFloor(fp.codes());
                        floorCount++;
                        if (settings.autoEpsilon()) {
                            epsilon = autoEpsilon(floorSum / floorCount);
                        }
                    }
                    double weight = dual != null ? dual.lambda() : settings.penaltyWeight();
                    CodeGradients extra = reg != null && weight > 0 ? new CodeGradients() : null;
                    r = reg == null ? 0.0 : reg.evaluate(fp.codes(), extra, weight);
                    gB.assign(0);
                    if (mo) {
                        gT.assign(0);
                        gR.assign(0);
                    }
                    double klWeight = klWarmupSteps == 0 ? 1.0 : Math.min(1.0, globalStep / (double) klWarmupSteps);
                    terms = vae.lossAndGradients(fp, gB, gT, extra, gR, klWeight);
                    checkFinite(terms, r, epoch, step);
                    double norm;
                    if (mo) {
                        double alpha = MinNormSolver.alpha(layout.sharedPart(gB), layout.sharedPart(gT));
                        sumAlpha += alpha;
                        norm = Math.sqrt(MgdaDirection.combine(layout, gB, gT, gR, alpha, direction));
                    } else {
                        norm = direction.norm2Number().doubleValue();
                    }
                    if (!Double.isFinite(norm)) {
                        throw diverged(epoch, step, "the gradient", norm);
                    }
                    clipper.clip(direction, norm);
                    adam.step(params, direction, warmupSteps == 0 ? 1.0
                            : Math.min(1.0, globalStep / (double) warmupSteps));
                    if (dual != null) {
                        dual.update(r, epsilon);
                        window.add(r);
                    }
                }
                double stepLoss = terms.backgroundLoss() + terms.targetLoss();
                if (Double.isNaN(firstStepLoss)) {
                    firstStepLoss = stepLoss;
                } else if (stepLoss > EXPLOSION_FACTOR * Math.max(Math.abs(firstStepLoss), 1.0)) {
                    throw diverged(epoch, step, String.format(java.util.Locale.ROOT,
                            "the training loss (%.4g at the first step)", firstStepLoss), stepLoss);
                }
                sumB += terms.backgroundLoss();
                sumT += terms.targetLoss();
                sumR += r;
                long done = (long) (epoch - 1) * stepsPerEpoch + step;
                monitor.onProgress(done / (double) totalSteps, "Epoch " + epoch + " of " + settings.epochs());
            }
            double[] val = evaluate(vae, params, validation, reg);
            EpochReport report = new EpochReport(epoch, sumB / stepsPerEpoch, sumT / stepsPerEpoch,
                    reg == null ? Double.NaN : sumR / stepsPerEpoch, val[0], val[1], val[2],
                    mo ? sumAlpha / stepsPerEpoch : Double.NaN, dual != null ? dual.lambda() : Double.NaN,
                    (System.nanoTime() - t0) / 1e9);
            history.add(report);
            monitor.onEpoch(report);
            if (!validation.isEmpty() && !Double.isFinite(val[0] + val[1])) {
                throw diverged(epoch, stepsPerEpoch, "the validation loss", val[0] + val[1]);
            }
            double objective = validation.isEmpty() ? Double.NaN // no validation split: the later epoch wins
                    : val[0] + val[1] + (dual == null && reg != null ? settings.penaltyWeight() * val[2] : 0);
            if (checkpoints.offer(epoch, objective, window.mean(), window.standardError(), epsilon, params)) {
                sinceImprovement = 0;
            } else if (settings.patience() > 0 && ++sinceImprovement >= settings.patience()) {
                stoppedEarly = true;
                break;
            }
        }
        if (clipper.clippedSteps() > 0) {
            notes.add("Gradient clipping capped " + clipper.clippedSteps() + " of " + globalStep + " steps (a "
                    + "gradient above " + settings.gradientClip() + " times its running size).");
        }
        ConstraintReport constraint = dual == null ? ConstraintReport.notMeasured()
                : new ConstraintReport(checkpoints.bestFeasible() ? ConstraintReport.Status.MET
                        : ConstraintReport.Status.NOT_MET, epsilon, checkpoints.bestRegulariser(),
                        checkpoints.bestStandardError(), floorCount == 0 ? Double.NaN : floorSum / floorCount);
        if (dual != null) {
            lambdaStillRising(history).ifPresent(notes::add);
        }
        monitor.onProgress(1.0, "Done");
        TrainedModel model = new TrainedModel(config, checkpoints.bestParams(), data.genes(), data.batch(),
                provenance(data, reg, checkpoints.bestEpoch(), history.size(), constraint));
        long cellsProcessed = 2L * batch * stepsPerEpoch * history.size();
        return new TrainingResult(model, history, checkpoints.bestEpoch(), stoppedEarly,
                dual == null ? Double.NaN : dual.lambda(), constraint, cellsProcessed, notes);
    }

    /**
     * "Auto" epsilon: the regulariser's noise floor (the running mean over the first steps) plus
     * {@link TrainingSettings#AUTO_EPSILON_MARGIN}. Tried and rejected (2026-11-29): the larger of that and half the
     * regulariser's value in an unconstrained first epoch, which made the constraint reachable on the Papalexi
     * screen but so loose on the misspecified simulation that salient seed stability fell from 0.72 to 0.58 and
     * salient leakage rose from 0.12 to 0.32 (docs/training.md).
     */
    static double autoEpsilon(double noiseFloor) {
        return noiseFloor + TrainingSettings.AUTO_EPSILON_MARGIN;
    }

    /**
     * A note when the dual variable lambda grew over the last epochs (the last fifth, 2 to 5 epochs) by more than
     * 5 % and by more than {@link #LAMBDA_RISE}: the regulariser was still above epsilon on average and the fit had
     * not settled. Smaller rises are the dual ascent's own jitter around a constraint that holds.
     */
    static java.util.Optional<String> lambdaStillRising(List<EpochReport> history) {
        int n = history.size();
        if (n < 3) {
            return java.util.Optional.empty();
        }
        int k = Math.min(5, Math.max(2, n / 5));
        double from = history.get(n - 1 - k).lambda();
        double to = history.get(n - 1).lambda();
        if (!(to > 1.05 * from && to - from > LAMBDA_RISE)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format(java.util.Locale.ROOT, "lambda (the price of the constraint) "
                + "was still rising at the end (%.3g -> %.3g over the last %d epochs): the regulariser had not "
                + "settled below epsilon. Train for more epochs or raise epsilon.", from, to, k));
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

    private List<ValidationChunk> validationChunks(ContrastiveDataset data, DataSplit b, DataSplit t,
                                                   SplittableRandom rng, DataType dtype, boolean needTb, int batch) {
        List<ValidationChunk> chunks = new ArrayList<>();
        int nb = b.validation().length;
        int nt = t.validation().length;
        if (nb == 0 || nt == 0) {
            return chunks;
        }
        int size = Math.min(batch, Math.max(nb, nt));
        int count = (int) Math.ceil(Math.max(nb, nt) / (double) size);
        for (int c = 0; c < count; c++) {
            int[] rb = cyclic(b.validation(), c * size, Math.min(size, nb));
            int[] rt = cyclic(t.validation(), c * size, Math.min(size, nt));
            chunks.add(new ValidationChunk(BatchSampler.gather(data.background(), rb, dtype),
                    BatchSampler.gather(data.target(), rt, dtype),
                    Noise.draw(rng, rb.length, rt.length, config.sharedDim(), config.salientDim(), dtype, needTb)));
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
    private ModelProvenance provenance(ContrastiveDataset data, Regulariser reg, int bestEpoch, int epochsRun,
                                       ConstraintReport constraint) {
        return ModelProvenance.ofFit(EngineVersion.get(), data.genes(), settings, config, data.background().cells(),
                data.target().cells(), reg == null ? "none" : reg.name(), bestEpoch, epochsRun, constraint.describe(),
                String.valueOf(System.getenv("OMP_NUM_THREADS")));
    }

}

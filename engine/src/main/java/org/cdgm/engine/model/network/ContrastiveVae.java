package org.cdgm.engine.model.network;

import org.cdgm.engine.model.distributions.CellBatch;
import org.cdgm.engine.model.distributions.LatentGradient;
import org.cdgm.engine.model.distributions.LatentPrior;
import org.cdgm.engine.model.distributions.LatentSample;
import org.cdgm.engine.model.distributions.Noise;
import org.cdgm.engine.model.distributions.ObservationModel;
import org.cdgm.engine.model.parameters.ParameterGroup;
import org.cdgm.engine.model.parameters.ParameterLayout;
import org.cdgm.engine.numeric.HostBuffer;

import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.model.PriorKind;

import java.util.function.Function;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The contrastive VAE as a computation (scvi-tools' "module"): encoders q(z|x) for all cells and q(t|x) for
 * target cells, one decoder f shared by both data sets, background decoding f(z, 0) and target f(z, t), an
 * observation model and a prior per latent block. With a batch covariate ({@link ModelConfig#batchLevels()} = L > 0)
 * each cell's level enters as a one-hot vector s, appended to both encoders' input [log1p(x) | s] and to the decoder's
 * [z | t | s], as scVI conditions on {@code batch_key} (Lopez et al., Nature Methods 2018). Holds no parameter values: they are passed in as one flat
 * vector laid out by {@link #layout()}. Forward and backward are written out by hand (several times faster
 * than SameDiff here) and checked against finite differences in the tests.
 */
public final class ContrastiveVae {

    /** Everything the backward pass needs from one forward pass over a background and a target batch. */
    public static final class ForwardPass {
        final INDArray params;
        final CellBatch background;
        final CellBatch target;
        final GaussianEncoder.Output sharedBackgroundEnc;
        final GaussianEncoder.Output sharedTargetEnc;
        final GaussianEncoder.Output salientTargetEnc;
        final GaussianEncoder.Output salientBackgroundEnc;
        final LatentCodes codes;
        final Mlp.Cache decodedBackground;
        final Mlp.Cache decodedTarget;

        ForwardPass(INDArray params, CellBatch background, CellBatch target, GaussianEncoder.Output zb,
                    GaussianEncoder.Output zt, GaussianEncoder.Output tt, GaussianEncoder.Output tb,
                    LatentCodes codes, Mlp.Cache decB, Mlp.Cache decT) {
            this.params = params;
            this.background = background;
            this.target = target;
            this.sharedBackgroundEnc = zb;
            this.sharedTargetEnc = zt;
            this.salientTargetEnc = tt;
            this.salientBackgroundEnc = tb;
            this.codes = codes;
            this.decodedBackground = decB;
            this.decodedTarget = decT;
        }

        public LatentCodes codes() {
            return codes;
        }
    }

    private final ModelConfig config;
    private final ParameterLayout layout;
    private final GaussianEncoder sharedEncoder;
    private final GaussianEncoder salientEncoder;
    private final Mlp decoder;
    private final ObservationModel observation;
    private final LatentPrior sharedPrior;
    private final LatentPrior salientPrior;

    /** The network of {@code config}, with the likelihood and prior its {@link Likelihood} and {@link PriorKind} name. */
    public ContrastiveVae(ModelConfig config) {
        this(config, config.likelihood().factory(), config.prior().factory());
    }

    /**
     * The network of {@code config} with a given likelihood and prior factory in place of those {@code config}
     * names: how a model that is not (yet) a {@link Likelihood} or {@link PriorKind} constant is tried out in tests.
     * Parameters are declared in this order (names and order fix a seed's initial values and the model file's
     * layout): shared encoder, salient encoder, decoder, likelihood, shared prior, salient prior.
     */
    ContrastiveVae(ModelConfig config, ObservationModel.Factory likelihood, LatentPrior.Factory prior) {
        this.config = config;
        int kz = config.sharedDim();
        int kt = config.salientDim();
        ParameterLayout.Builder b = new ParameterLayout.Builder();
        int[] encHidden = repeat(config.hiddenWidth(), config.encoderLayers());
        int levels = config.batchLevels();
        Mlp.Plan zPlan = Mlp.Plan.declare(b, "sharedEncoder",
                GaussianEncoder.sizes(config.genes() + levels, encHidden, kz), ParameterGroup.SHARED);
        Mlp.Plan tPlan = Mlp.Plan.declare(b, "salientEncoder",
                GaussianEncoder.sizes(config.genes() + levels, encHidden, kt), ParameterGroup.TARGET_ONLY);
        long[] decSizes = new long[config.decoderLayers() + 2];
        decSizes[0] = kz + kt + levels;
        for (int i = 1; i <= config.decoderLayers(); i++) {
            decSizes[i] = config.hiddenWidth();
        }
        decSizes[decSizes.length - 1] = config.genes();
        Mlp.Plan decPlan = Mlp.Plan.declare(b, "decoder", decSizes, ParameterGroup.SHARED);
        Function<ParameterLayout, ObservationModel> obs = likelihood.declare(b, config.genes());
        int k = config.priorComponents();
        Function<ParameterLayout, LatentPrior> zPrior = prior.declare(b, "sharedPrior", k, kz, ParameterGroup.SHARED);
        Function<ParameterLayout, LatentPrior> tPrior = prior.declare(b, "salientPrior", k, kt,
                ParameterGroup.TARGET_ONLY);
        this.layout = b.build();
        this.sharedEncoder = new GaussianEncoder(zPlan.resolve(layout, config.activation(), false), kz);
        this.salientEncoder = new GaussianEncoder(tPlan.resolve(layout, config.activation(), false), kt);
        this.decoder = decPlan.resolve(layout, config.activation(), false);
        this.observation = obs.apply(layout);
        this.sharedPrior = zPrior.apply(layout);
        this.salientPrior = tPrior.apply(layout);
    }

    private static int[] repeat(int value, int times) {
        int[] a = new int[times];
        java.util.Arrays.fill(a, value);
        return a;
    }

    public ModelConfig config() {
        return config;
    }

    public ParameterLayout layout() {
        return layout;
    }

    public DataType dataType() {
        return config.precision().dataType();
    }

    public ObservationModel observation() {
        return observation;
    }

    public LatentPrior sharedPrior() {
        return sharedPrior;
    }

    public LatentPrior salientPrior() {
        return salientPrior;
    }

    /**
     * Initial parameters, as each part declared them ({@link ParameterLayout#initialValues}): He-uniform weights,
     * zero biases, the likelihood's and the priors' own starting values (e.g. unit variance, theta = 5, mixture
     * means spread over [-2, 2]).
     *
     * @return 1 x {@code layout().totalLength()} in the model's precision
     */
    public INDArray initialParameters(long seed) {
        double[] flat = layout.initialValues(seed);
        return Nd4j.createFromArray(flat).reshape(1, flat.length).castTo(dataType());
    }

    /** Encodes, samples and decodes one background batch and one target batch. */
    public ForwardPass forward(INDArray params, CellBatch background, CellBatch target, Noise noise) {
        int[] codesB = requireCodes(background.batchCodes(), background.rows());
        int[] codesT = requireCodes(target.batchCodes(), target.rows());
        INDArray inB = withOneHot(observation.encoderInput(background.x()), codesB);
        INDArray inT = withOneHot(observation.encoderInput(target.x()), codesT);
        GaussianEncoder.Output zb = sharedEncoder.forward(params, inB);
        GaussianEncoder.Output zt = sharedEncoder.forward(params, inT);
        GaussianEncoder.Output tt = salientEncoder.forward(params, inT);
        GaussianEncoder.Output tb = noise.salientBackground() == null ? null : salientEncoder.forward(params, inB);
        LatentSample sZb = new LatentSample(zb.mu(), zb.logVar(), noise.sharedBackground());
        LatentSample sZt = new LatentSample(zt.mu(), zt.logVar(), noise.sharedTarget());
        LatentSample sTt = new LatentSample(tt.mu(), tt.logVar(), noise.salientTarget());
        LatentSample sTb = tb == null ? null : new LatentSample(tb.mu(), tb.logVar(), noise.salientBackground());
        INDArray decInB = decoderInput(sZb, null, codesB);
        INDArray decInT = decoderInput(sZt, sTt, codesT);
        Mlp.Cache decB = decoder.forward(params, decInB);
        Mlp.Cache decT = decoder.forward(params, decInT);
        return new ForwardPass(params, background, target, zb, zt, tt, tb, new LatentCodes(sZb, sTb, sZt, sTt),
                decB, decT);
    }

    /**
     * The decoder's input [z | t | s] of a batch, t = 0 for background cells (salient == null), s the one-hot batch
     * level (absent without a covariate).
     */
    private INDArray decoderInput(LatentSample shared, LatentSample salient, int[] batchCodes) {
        int n = (int) shared.rows();
        int kz = config.sharedDim();
        int kt = config.salientDim();
        int width = kz + kt + config.batchLevels();
        double[] in = new double[n * width];
        for (int i = 0; i < n; i++) {
            System.arraycopy(shared.hostSample(), i * kz, in, i * width, kz);
            if (salient != null) {
                System.arraycopy(salient.hostSample(), i * kt, in, i * width + kz, kt);
            }
            if (batchCodes != null) {
                in[i * width + kz + kt + batchCodes[i]] = 1;
            }
        }
        return HostBuffer.matrix(in, dataType(), n, width);
    }

    /**
     * The batch codes of {@code rows} cells, checked against the architecture: required, each in [0, L), with a
     * covariate; absent without one.
     *
     * @throws IllegalArgumentException when codes are missing, superfluous, of another length or out of range
     */
    private int[] requireCodes(int[] codes, long rows) {
        int levels = config.batchLevels();
        if (levels == 0) {
            if (codes != null) {
                throw new IllegalArgumentException("Batch codes given to a model without a batch covariate");
            }
            return null;
        }
        if (codes == null) {
            throw new IllegalArgumentException("The model has a batch covariate of " + levels + " levels: every "
                    + "cell needs its batch code");
        }
        if (codes.length != rows) {
            throw new IllegalArgumentException(rows + " cells but " + codes.length + " batch codes");
        }
        for (int c : codes) {
            if (c < 0 || c >= levels) {
                throw new IllegalArgumentException("Batch code " + c + " is outside the model's " + levels
                        + " levels");
            }
        }
        return codes;
    }

    /** [in | one-hot(codes)], or {@code in} itself without a covariate (codes == null). */
    private INDArray withOneHot(INDArray in, int[] codes) {
        if (codes == null) {
            return in;
        }
        int n = (int) in.rows();
        int w = (int) in.columns();
        int levels = config.batchLevels();
        double[] src = HostBuffer.read(in);
        double[] out = new double[n * (w + levels)];
        for (int i = 0; i < n; i++) {
            System.arraycopy(src, i * w, out, i * (w + levels), w);
            out[i * (w + levels) + w + codes[i]] = 1;
        }
        return HostBuffer.matrix(out, dataType(), n, w + levels);
    }

    /** ELBO terms without gradients. */
    public ElboTerms evaluate(ForwardPass fp) {
        return lossAndGradients(fp, null, null, null, null);
    }

    /**
     * Computes the ELBO terms and back-propagates, adding to the buffers (callers zero them): the background loss
     * (mean per cell) into {@code gradBackground}, the target loss into {@code gradTarget}, and the already-scaled
     * code gradients {@code extra} of any further objective (regulariser) into {@code gradExtra}. Each buffer is a
     * flat 1 x P vector over all parameters ({@link #layout()}). The buffers come in the two shapes of the
     * trainer's {@code GradientBuffers}: one shared accumulator (all three the same array: it receives the sum, and
     * {@code extra} rides along the ELBO's backward pass at no extra cost) or separate arrays (each part apart, one
     * more backward pass through the encoders for {@code extra}). Other sharing (two of three the same array) also
     * sums into the shared one.
     *
     * @param gradBackground null to compute the terms only (then all buffers are ignored)
     * @param extra          null when there is no further objective ({@code gradExtra} is then ignored)
     * @return the ELBO terms (losses in nats per cell)
     */
    public ElboTerms lossAndGradients(ForwardPass fp, INDArray gradBackground, INDArray gradTarget,
                                      CodeGradients extra, INDArray gradExtra) {
        return lossAndGradients(fp, gradBackground, gradTarget, extra, gradExtra, 1.0);
    }

    /**
     * As {@link #lossAndGradients(ForwardPass, INDArray, INDArray, CodeGradients, INDArray)} with the KL terms'
     * gradients weighted by {@code klWeight} in [0, 1] (KL warm-up, as scvi-tools' {@code n_epochs_kl_warmup}); the
     * returned terms are the unweighted ELBO's.
     */
    public ElboTerms lossAndGradients(ForwardPass fp, INDArray gradBackground, INDArray gradTarget,
                                      CodeGradients extra, INDArray gradExtra, double klWeight) {
        return lossAndGradients(fp, gradBackground, gradTarget, extra, gradExtra, klWeight,
                1.0 / fp.background.rows(), 1.0 / fp.target.rows());
    }

    /**
     * As {@link #lossAndGradients(ForwardPass, INDArray, INDArray, CodeGradients, INDArray, double)} for a forward
     * pass over one slice of larger batches (data-parallel training): the gradients are those of the slice's loss
     * sums divided by the whole batches' cell counts, so that the slices' gradients add up to the gradient of the
     * whole batches' mean losses. {@code extra} holds the slice's rows of the code gradients. The returned terms are
     * the slice's own per-cell means (weight them by slice rows / batch rows to combine slices).
     *
     * @param backgroundCells rows of the whole background batch (at least the slice's)
     * @param targetCells     rows of the whole target batch (at least the slice's)
     */
    public ElboTerms sliceLossAndGradients(ForwardPass fp, INDArray gradBackground, INDArray gradTarget,
                                           CodeGradients extra, INDArray gradExtra, double klWeight,
                                           long backgroundCells, long targetCells) {
        if (backgroundCells < fp.background.rows() || targetCells < fp.target.rows()) {
            throw new IllegalArgumentException("A slice of " + fp.background.rows() + " + " + fp.target.rows()
                    + " cells cannot come from batches of " + backgroundCells + " + " + targetCells);
        }
        return lossAndGradients(fp, gradBackground, gradTarget, extra, gradExtra, klWeight, 1.0 / backgroundCells,
                1.0 / targetCells);
    }

    /** sb, st: the gradients' factor per background and target cell (1 / rows for the batch mean). */
    private ElboTerms lossAndGradients(ForwardPass fp, INDArray gradBackground, INDArray gradTarget,
                                       CodeGradients extra, INDArray gradExtra, double klWeight, double sb,
                                       double st) {
        INDArray p = fp.params;
        LatentCodes c = fp.codes;
        boolean grads = gradBackground != null;
        ObservationModel.Evaluation lb = observation.evaluate(p, fp.decodedBackground.output(), fp.background,
                gradBackground, sb);
        ObservationModel.Evaluation lt = observation.evaluate(p, fp.decodedTarget.output(), fp.target,
                gradTarget, st);
        CodeGradients g = grads ? new CodeGradients() : null;
        double klZb = sharedPrior.kl(p, c.sharedBackground(), grads ? g.sharedBackground : null, gradBackground,
                sb * klWeight);
        double klZt = sharedPrior.kl(p, c.sharedTarget(), grads ? g.sharedTarget : null, gradTarget, st * klWeight);
        double klTt = salientPrior.kl(p, c.salientTarget(), grads ? g.salientTarget : null, gradTarget,
                st * klWeight);
        ElboTerms terms = new ElboTerms(lb.meanNll(), klZb, lt.meanNll(), klZt, klTt);
        if (!grads) {
            return terms;
        }
        int kz = config.sharedDim();
        int kt = config.salientDim();
        // the input gradient's one-hot columns (a covariate's, if any) have nothing to flow into and are dropped
        INDArray dInB = decoder.backward(p, gradBackground, fp.decodedBackground, lb.dDecoderOutput(), true);
        g.sharedBackground.addSample(dInB.get(NDArrayIndex.all(), NDArrayIndex.interval(0, kz)));
        INDArray dInT = decoder.backward(p, gradTarget, fp.decodedTarget, lt.dDecoderOutput(), true);
        g.sharedTarget.addSample(dInT.get(NDArrayIndex.all(), NDArrayIndex.interval(0, kz)));
        g.salientTarget.addSample(dInT.get(NDArrayIndex.all(), NDArrayIndex.interval(kz, kz + kt)));
        boolean merged = extra != null && gradExtra == gradBackground && gradExtra == gradTarget;
        if (merged) {
            g.addAll(extra);
        }
        backpropCodes(p, fp, g, gradBackground, gradTarget);
        if (extra != null && !merged) {
            backpropCodes(p, fp, extra, gradExtra, gradExtra);
        }
        return terms;
    }

    private void backpropCodes(INDArray p, ForwardPass fp, CodeGradients g, INDArray gradB, INDArray gradT) {
        LatentCodes c = fp.codes;
        backprop(sharedEncoder, p, gradB, fp.sharedBackgroundEnc, g.sharedBackground, c.sharedBackground());
        backprop(sharedEncoder, p, gradT, fp.sharedTargetEnc, g.sharedTarget, c.sharedTarget());
        backprop(salientEncoder, p, gradT, fp.salientTargetEnc, g.salientTarget, c.salientTarget());
        if (fp.salientBackgroundEnc != null) {
            // the salient encoder is target-only: what background cells contribute here comes from regularisers
            backprop(salientEncoder, p, gradB, fp.salientBackgroundEnc, g.salientBackground, c.salientBackground());
        } else if (!g.salientBackground.isEmpty()) {
            throw new IllegalStateException("A gradient for background salient codes needs them in the forward pass");
        }
    }

    private static void backprop(GaussianEncoder enc, INDArray p, INDArray grad, GaussianEncoder.Output out,
                                 LatentGradient g, LatentSample s) {
        if (g.isEmpty()) {
            return;
        }
        enc.backward(p, grad, out, g.headGradient(s));
    }

    /**
     * The decoder's output f([z | t]) for given codes (no sampling): per cell and gene the Gaussian mean, or for
     * count likelihoods the logits whose softmax is the cell's expected share of its library.
     *
     * @param codes rows x (k_z + k_t): shared then salient coordinates
     * @return rows x genes
     * @throws IllegalArgumentException when the codes do not have k_z + k_t columns or the model has a batch
     *                                  covariate (use {@link #decode(INDArray, INDArray, int[])})
     */
    public INDArray decode(INDArray params, INDArray codes) {
        return decode(params, codes, null);
    }

    /**
     * As {@link #decode(INDArray, INDArray)} for a model with a batch covariate: f([z | t | s]) with s the one-hot
     * level of each row.
     *
     * @param batchCodes per row its batch level in [0, L); null only for a model without a covariate
     * @throws IllegalArgumentException when the codes do not have k_z + k_t columns or the batch codes do not fit
     */
    public INDArray decode(INDArray params, INDArray codes, int[] batchCodes) {
        if (codes.columns() != config.sharedDim() + config.salientDim()) {
            throw new IllegalArgumentException("Codes have " + codes.columns() + " columns, the decoder takes k_z + "
                    + "k_t = " + (config.sharedDim() + config.salientDim()));
        }
        int[] checked = requireCodes(batchCodes, codes.rows());
        return decoder.forward(params, withOneHot(codes.castTo(dataType()), checked)).output();
    }

    /**
     * Posterior parameters of cells: {z mean, z log-variance, t mean, t log-variance}, each rows x k (q(t|x) is
     * evaluated for every cell, background cells included).
     *
     * @throws IllegalArgumentException when the model has a batch covariate (use
     *                                  {@link #encodePosterior(INDArray, INDArray, int[])})
     */
    public INDArray[] encodePosterior(INDArray params, INDArray x) {
        return encodePosterior(params, x, null);
    }

    /**
     * As {@link #encodePosterior(INDArray, INDArray)} for a model with a batch covariate.
     *
     * @param batchCodes per row of {@code x} its batch level in [0, L); null only for a model without a covariate
     * @throws IllegalArgumentException when the batch codes do not fit the model
     */
    public INDArray[] encodePosterior(INDArray params, INDArray x, int[] batchCodes) {
        int[] checked = requireCodes(batchCodes, x.rows());
        INDArray in = withOneHot(observation.encoderInput(x.castTo(dataType())), checked);
        GaussianEncoder.Output z = sharedEncoder.forward(params, in);
        GaussianEncoder.Output t = salientEncoder.forward(params, in);
        return new INDArray[] {z.mu(), z.logVar(), t.mu(), t.logVar()};
    }

    /**
     * Posterior means {z, t} of cells (no sampling), computed in chunks to bound memory; for models without a batch
     * covariate (others: {@link #encodePosterior(INDArray, INDArray, int[])}).
     */
    public INDArray[] encodeMeans(INDArray params, INDArray x, int chunk) {
        requireCodes(null, x.rows());
        long n = x.rows();
        INDArray z = Nd4j.create(dataType(), n, config.sharedDim());
        INDArray t = Nd4j.create(dataType(), n, config.salientDim());
        for (long start = 0; start < n; start += chunk) {
            long end = Math.min(n, start + chunk);
            INDArray in = observation.encoderInput(x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()));
            z.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).assign(sharedEncoder.forward(params, in).mu());
            t.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).assign(salientEncoder.forward(params, in).mu());
        }
        return new INDArray[] {z, t};
    }
}

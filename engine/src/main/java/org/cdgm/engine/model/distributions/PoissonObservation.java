package org.cdgm.engine.model.distributions;

import java.util.SplittableRandom;
import java.util.function.Function;

import org.cdgm.engine.model.parameters.ParameterLayout;
import org.cdgm.engine.numeric.SpecialFunctions;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * x ~ Poisson(l * softmax(decoder output)), l the cell's library size (scVI's offset). No own parameters.
 * -log p = sum_g mu_g - x_g log mu_g + log x_g!, evaluated a cell at a time in one Java loop.
 */
public final class PoissonObservation implements ObservationModel {

    /** Declares nothing (no own parameters); an {@link ObservationModel.Factory}. */
    public static Function<ParameterLayout, ObservationModel> declare(ParameterLayout.Builder b, int genes) {
        return layout -> new PoissonObservation();
    }

    @Override
    public boolean counts() {
        return true;
    }

    /** x_g ~ Poisson(l * softmax(decoder output)_g); there are no parameters to read. */
    @Override
    public ObservationSampler sampler(INDArray params) {
        return PoissonObservation::draw;
    }

    /** As {@link #sampler(INDArray)}: the Poisson has no parameters to set. */
    @Override
    public ObservationSampler sampler(NoiseLevels levels, int genes) {
        return PoissonObservation::draw;
    }

    private static void draw(double[] logits, double library, double[] out, SplittableRandom rng) {
        double[] mean = CountSampler.means(logits, library);
        for (int j = 0; j < out.length; j++) {
            out[j] = CountSampler.poisson(mean[j], rng);
        }
    }

    @Override
    public Evaluation evaluate(INDArray params, INDArray decoderOutput, CellBatch batch, INDArray grad,
                               double scale) {
        int n = (int) batch.rows();
        int genes = (int) decoderOutput.columns();
        double[] library = batch.library();
        boolean grads = grad != null;
        CellRows rows = new CellRows(decoderOutput, batch, grads);
        double[] rho = rows.rho;
        double[] x = rows.x;
        double[] d = new double[genes]; // the softmax, then d/d rho
        double sum = 0;
        for (int i = 0; i < n; i++) {
            rows.read(i);
            double logNormaliser = rows.softmax(d);
            double logLibrary = Math.log(library[i]);
            // sum_g mu_g = l because softmax rows sum to one; a zero count contributes no x log mu term
            sum += library[i];
            for (int j = 0; j < genes; j++) {
                if (x[j] != 0) {
                    sum -= x[j] * (rho[j] - logNormaliser + logLibrary) - SpecialFunctions.logFactorial(x[j]);
                }
            }
            if (grads) {
                // d/d rho = l * p - x (the library is the cell's total count)
                for (int j = 0; j < genes; j++) {
                    d[j] = (library[i] * d[j] - x[j]) * scale;
                }
                rows.writeGradient(i, d);
            }
        }
        return new Evaluation(sum / n, rows.gradient());
    }
}

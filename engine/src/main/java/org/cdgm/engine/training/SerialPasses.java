package org.cdgm.engine.training;

import org.cdgm.engine.model.distributions.CellBatch;
import org.cdgm.engine.model.distributions.Noise;
import org.cdgm.engine.model.network.CodeGradients;
import org.cdgm.engine.model.network.ContrastiveVae;
import org.cdgm.engine.model.network.ElboTerms;
import org.cdgm.engine.model.network.LatentCodes;
import org.nd4j.linalg.api.ndarray.INDArray;

/** One thread, the whole batch at once: the step of a fit with one thread. */
final class SerialPasses implements StepPasses {
    private final ContrastiveVae vae;
    private ContrastiveVae.ForwardPass pass;

    SerialPasses(ContrastiveVae vae) {
        this.vae = vae;
    }

    @Override
    public LatentCodes forward(INDArray params, CellBatch background, CellBatch target, Noise noise) {
        pass = vae.forward(params, background, target, noise);
        return pass.codes();
    }

    @Override
    public ElboTerms backward(CodeGradients extra, double klWeight, GradientBuffers grads) {
        return grads.backward(vae, pass, extra, klWeight);
    }

    @Override
    public void endStep() {
        pass = null;
    }

    @Override
    public void close() {
        pass = null;
    }
}

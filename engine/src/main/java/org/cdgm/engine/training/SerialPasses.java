package org.cdgm.engine.training;

import org.cdgm.engine.data.Condition;
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
    private final LocalCells cells;
    private ContrastiveVae.ForwardPass pass;

    /** @param cells where the batches' rows are gathered from */
    SerialPasses(ContrastiveVae vae, LocalCells cells) {
        this.vae = vae;
        this.cells = cells;
    }

    @Override
    public LatentCodes forward(INDArray params, int[] backgroundRows, int[] targetRows, Noise noise) {
        return forward(params, cells.batch(Condition.BACKGROUND, backgroundRows, vae.dataType()),
                cells.batch(Condition.TARGET, targetRows, vae.dataType()), noise);
    }

    /** The step on batches already gathered. */
    LatentCodes forward(INDArray params, CellBatch background, CellBatch target, Noise noise) {
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
    public int threads() {
        return 1;
    }

    @Override
    public void close() {
        pass = null;
    }
}

package org.cdgm.engine.model.distributions;

import org.cdgm.engine.numeric.HostBuffer;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Walks a batch a cell at a time for the likelihoods' fused loops: {@link #read} fills {@link #rho} (decoder output)
 * and {@link #x} (observed values) with one cell's row, {@link #writeGradient} stores that row's gradient straight
 * into the ND4J array {@link #gradient()} returns. Row buffers stay in cache; nothing batch-sized is copied twice.
 */
final class CellRows {
    final double[] rho;
    final double[] x;
    private final int genes;
    private final HostBuffer rhoIn;
    private final HostBuffer xIn;
    private final INDArray gradient;
    private final HostBuffer gradientOut;

    CellRows(INDArray decoderOutput, CellBatch batch, boolean withGradient) {
        this.genes = (int) decoderOutput.columns();
        this.rho = new double[genes];
        this.x = new double[genes];
        this.rhoIn = HostBuffer.readable(decoderOutput);
        this.xIn = HostBuffer.readable(batch.x());
        this.gradient = withGradient ? Nd4j.createUninitialized(decoderOutput.dataType(), batch.rows(), genes) : null;
        this.gradientOut = withGradient ? HostBuffer.over(gradient) : null;
    }

    /** Loads cell i into {@link #rho} and {@link #x}. */
    void read(int i) {
        rhoIn.read((long) i * genes, rho, genes);
        xIn.read((long) i * genes, x, genes);
    }

    /**
     * The softmax of the loaded row of {@link #rho} into {@code p}; returns its log-normaliser, so that
     * log p_g = rho_g - (returned value). Count likelihoods read their means from it.
     */
    double softmax(double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < genes; j++) {
            max = Math.max(max, rho[j]);
        }
        double sum = 0;
        for (int j = 0; j < genes; j++) {
            p[j] = Math.exp(rho[j] - max);
            sum += p[j];
        }
        for (int j = 0; j < genes; j++) {
            p[j] /= sum;
        }
        return max + Math.log(sum);
    }

    /** Stores the gradient with respect to cell i's decoder output. */
    void writeGradient(int i, double[] d) {
        gradientOut.write(d, (long) i * genes, genes);
    }

    /** The gradient array (null when made without one). */
    INDArray gradient() {
        return gradient;
    }
}

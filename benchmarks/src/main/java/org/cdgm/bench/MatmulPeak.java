package org.cdgm.bench;

import java.util.Arrays;
import java.util.Locale;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's own float32 matrix multiply throughput at the training's shapes (batch x genes times genes x width, and
 * the transposed products of the backward pass), in its own JVM with the benchmark's thread count: the ceiling
 * training could reach if it did nothing but these products. Arguments: genes width batch.
 */
public final class MatmulPeak {
    private MatmulPeak() {
    }

    public static void main(String[] args) {
        int genes = Integer.parseInt(args[0]);
        int width = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, genes);
        INDArray w = Nd4j.rand(DataType.FLOAT, genes, width);
        INDArray d = Nd4j.rand(DataType.FLOAT, batch, width);
        double flops = 3.0 * 2.0 * batch * genes * width; // forward x.w, weight gradient x^T.d, input gradient d.w^T
        double[] gflops = new double[15];
        for (int rep = -5; rep < gflops.length; rep++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                x.mmul(w);
                x.transpose().mmul(d);
                d.mmul(w.transpose());
            }
            double s = (System.nanoTime() - t0) / 1e9;
            if (rep >= 0) {
                gflops[rep] = 10 * flops / s / 1e9;
            }
        }
        Arrays.sort(gflops);
        System.out.printf(Locale.ROOT, "{\"implementation\": \"nd4j-mmul\", \"gflops\": %.2f}%n",
                gflops[gflops.length / 2]);
    }
}

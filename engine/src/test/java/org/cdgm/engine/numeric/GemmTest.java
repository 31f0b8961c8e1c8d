package org.cdgm.engine.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class GemmTest {

    private static void assertClose(INDArray expected, INDArray actual, double tol) {
        assertEquals(expected.rows(), actual.rows());
        assertEquals(expected.columns(), actual.columns());
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff < tol, "max difference " + diff);
    }

    @Test
    void everyTransposeCombinationMatchesNd4j() {
        for (DataType t : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Nd4j.getRandom().setSeed(7);
            INDArray a = Nd4j.rand(t, 5, 7);
            INDArray b = Nd4j.rand(t, 7, 3);
            INDArray aT = a.transpose().dup('c'); // 7 x 5, row-major
            INDArray bT = b.transpose().dup('c'); // 3 x 7
            INDArray expected = a.mmul(b);
            double tol = t == DataType.FLOAT ? 1e-5 : 1e-12;
            assertClose(expected, Gemm.times(a, false, b, false), tol);
            assertClose(expected, Gemm.times(aT, true, b, false), tol);
            assertClose(expected, Gemm.times(a, false, bT, true), tol);
            assertClose(expected, Gemm.times(aT, true, bT, true), tol);
        }
    }

    @Test
    void accumulatesIntoAViewOfTheFlatParametersAndFallsBackForOtherLayouts() {
        INDArray flat = Nd4j.zeros(DataType.DOUBLE, 1, 30);
        INDArray view = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(4, 19)).reshape('c', 5, 3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 5);
        INDArray d = Nd4j.rand(DataType.DOUBLE, 4, 3);
        view.assign(1.0);
        Gemm.gemm(x, true, d, false, view, 2.0, 1.0);
        assertClose(x.transpose().mmul(d).mul(2.0).add(1.0), view, 1e-12);
        assertEquals(0.0, flat.getDouble(0, 3), 0, "nothing written before the view");
        assertEquals(0.0, flat.getDouble(0, 19), 0, "nothing written after the view");
        INDArray fOrder = Nd4j.rand(DataType.DOUBLE, 'f', 4, 5); // not row-major: ND4J's path
        assertClose(fOrder.mmul(x.transpose()), Gemm.times(fOrder, false, x, true), 1e-12);
    }

    @Test
    void columnSumsAccumulateIntoABiasViewForBothTypesAndOtherLayouts() {
        for (DataType t : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Nd4j.getRandom().setSeed(3);
            INDArray a = Nd4j.rand(t, 6, 4);
            INDArray flat = Nd4j.zeros(t, 1, 10);
            INDArray bias = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(3, 7)).reshape('c', 1, 4);
            bias.assign(0.5);
            Gemm.addColumnSums(a, bias);
            double tol = t == DataType.FLOAT ? 1e-5 : 1e-12;
            assertClose(a.sum(true, 0).add(0.5), bias, tol);
            assertEquals(0.0, flat.getDouble(0, 2), 0, "nothing written before the view");
            assertEquals(0.0, flat.getDouble(0, 7), 0, "nothing written after the view");
            INDArray taller = Nd4j.rand(t, 9, 4); // more rows than the vector of ones built so far
            INDArray sums = Nd4j.zeros(t, 1, 4);
            Gemm.addColumnSums(taller, sums);
            assertClose(taller.sum(true, 0), sums, tol);
            INDArray fOrder = a.dup('f');
            INDArray into = Nd4j.zeros(t, 1, 4);
            Gemm.addColumnSums(fOrder, into);
            assertClose(a.sum(true, 0), into, tol);
        }
    }
}

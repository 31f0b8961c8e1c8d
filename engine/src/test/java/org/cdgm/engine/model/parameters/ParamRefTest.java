package org.cdgm.engine.model.parameters;

import org.cdgm.engine.numeric.HostBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class ParamRefTest {

    @Test
    void viewsReadAndWriteThroughToTheirSliceOfTheFlatVector() {
        ParamRef ref = new ParamRef("w", 2, 2, 3, ParameterGroup.SHARED);
        for (DataType t : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray flat = Nd4j.linspace(t, 0, 10, 1).reshape(1, 10);
            INDArray w = ref.in(flat);
            assertArrayEquals(new long[] {2, 3}, w.shape());
            assertEquals(6.0, w.getDouble(1, 1), 0);
            w.addi(100);
            assertArrayEquals(new double[] {0, 1, 102, 103, 104, 105, 106, 107, 8, 9}, HostBuffer.read(flat), 0);
            // a flat vector that is itself a view takes the general path and still writes through
            INDArray outer = Nd4j.zeros(t, 1, 14);
            INDArray inner = outer.get(NDArrayIndex.point(0), NDArrayIndex.interval(2, 12)).reshape(1, 10);
            ref.in(inner).assign(1);
            assertEquals(6.0, outer.sumNumber().doubleValue(), 0);
            assertEquals(1.0, outer.getDouble(0, 4), 0);
        }
    }
}

package org.cdgm.engine.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class HostBufferTest {

    @Test
    void readsAndWritesFloatAndDoubleArraysInRowMajorOrder() {
        for (DataType t : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray a = Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}}).castTo(t);
            assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, HostBuffer.read(a), 0);
            double[] part = new double[3];
            HostBuffer.over(a).read(2, part, 3);
            assertArrayEquals(new double[] {3, 4, 5}, part, 0);
            HostBuffer.over(a).write(new double[] {-1, -2}, 4, 2);
            assertArrayEquals(new double[] {1, 2, 3, 4, -1, -2}, HostBuffer.read(a), 0);
            INDArray m = HostBuffer.matrix(new double[] {0.5, 1.5, 2.5, 3.5}, t, 2, 2);
            assertEquals(t, m.dataType());
            assertEquals(3.5, m.getDouble(1, 1), 0);
        }
    }

    @Test
    void viewsIntoAFlatVectorTouchOnlyTheirOwnElements() {
        INDArray flat = Nd4j.createFromArray(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f).reshape(1, 8);
        INDArray view = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(3, 7));
        assertArrayEquals(new double[] {3, 4, 5, 6}, HostBuffer.read(view), 0);
        HostBuffer.over(view).write(new double[] {9, 9}, 1, 2);
        assertArrayEquals(new double[] {0, 1, 2, 3, 9, 9, 6, 7}, HostBuffer.read(flat), 0);
    }

    @Test
    void readsStridedViewsThroughACopyAndRefusesToWriteIntoThem() {
        INDArray a = Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}});
        INDArray column = a.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3));
        assertArrayEquals(new double[] {2, 3, 5, 6}, HostBuffer.read(column), 0);
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, HostBuffer.read(a.transpose()), 0);
        assertThrows(IllegalArgumentException.class, () -> HostBuffer.write(new double[4], column));
        assertThrows(IndexOutOfBoundsException.class, () -> HostBuffer.over(a).read(4, new double[3], 3));
    }

    @Test
    void vectorBlasOnFloatAndDoubleViews() {
        for (DataType t : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray flat = Nd4j.createFromArray(1.0, 2.0, 3.0, 4.0, 5.0, 6.0).reshape(1, 6).castTo(t);
            INDArray head = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 3));
            INDArray tail = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(3, 6));
            assertEquals(4 + 10 + 18, VectorBlas.dot(head, tail), 1e-6);
            VectorBlas.axpy(2.0, head, tail); // tail += 2 head
            assertArrayEquals(new double[] {1, 2, 3, 6, 9, 12}, HostBuffer.read(flat), 1e-6);
        }
        assertThrows(IllegalArgumentException.class,
                () -> VectorBlas.dot(Nd4j.ones(DataType.FLOAT, 1, 3), Nd4j.ones(DataType.DOUBLE, 1, 3)));
        assertThrows(IllegalArgumentException.class,
                () -> VectorBlas.dot(Nd4j.ones(DataType.FLOAT, 1, 3), Nd4j.ones(DataType.FLOAT, 1, 4)));
    }
}

package org.cdgm.engine.model.parameters;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A named slice of a flat parameter vector. The same reference resolves to a view into the parameter vector
 * or into any gradient buffer of the same layout, so a module can write its gradient into whichever buffer
 * (background, target, regulariser) the training step asks for.
 */
public record ParamRef(String name, long offset, long rows, long cols, ParameterGroup group) {

    public long length() {
        return rows * cols;
    }

    /** A writable view of this slice of {@code flat} (a 1 x N row vector), shaped rows x cols in C order. */
    public INDArray in(INDArray flat) {
        if (!flat.isView() && flat.ordering() == 'c' && flat.rank() == 2 && flat.rows() == 1) {
            // straight onto the buffer: one view instead of an interval view and a reshape of it (each a native
            // shape-information call; views were about 4 % of a training step)
            return Nd4j.create(flat.data(), new long[] {rows, cols}, new long[] {cols, 1}, offset, 'c',
                    flat.dataType());
        }
        return flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + length()))
                .reshape('c', rows, cols);
    }
}

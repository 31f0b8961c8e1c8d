package org.cdgm.engine.io;

import io.jhdf.api.Dataset;

/**
 * The three arrays of a compressed sparse matrix as HDF5 files store it (AnnData's csr/csc_matrix, Cell Ranger's
 * /matrix): {@code indptr} (major + 1 offsets), {@code indices} (minor index of each value, int32 or int64) and
 * {@code data}. Sizes are checked from the datasets' headers before anything is read, so a corrupt file cannot
 * trigger a huge allocation; offsets and indices are checked after.
 */
record CompressedArrays(long[] indptr, int[] indices, float[] data) {

    /**
     * @param major     rows of the compression (cells for CSR and Cell Ranger, genes for CSC)
     * @param minor     range of the indices
     * @param majorName what a major entry is, for messages ("cells", "barcodes", "genes")
     * @param at        the file and group, for messages
     * @throws DataFileException naming {@code at} and the first inconsistency
     */
    static CompressedArrays read(Dataset dataSet, Dataset indicesSet, Dataset indptrSet, int major, int minor,
                                 String majorName, String at) throws DataFileException {
        long nnz = dataSet.getSize();
        if (indptrSet.getSize() != major + 1L || indicesSet.getSize() != nnz) {
            throw new DataFileException(at + ": indptr has " + indptrSet.getSize() + " entries, expected "
                    + (major + 1L) + " (one per " + majorName + " + 1); indices " + indicesSet.getSize() + ", data "
                    + nnz);
        }
        if (nnz > Integer.MAX_VALUE - 8) {
            throw new DataFileException(at + " has " + nnz + " stored values, more than one matrix can hold");
        }
        long[] indptr = HdfArrays.longs(indptrSet.getData());
        if (indptr[0] != 0 || indptr[major] != nnz) {
            throw new DataFileException(at + ": indptr runs from " + indptr[0] + " to " + indptr[major]
                    + ", expected 0 to " + nnz);
        }
        for (int i = 0; i < major; i++) {
            if (indptr[i + 1] < indptr[i]) {
                throw new DataFileException(at + ": indptr decreases at entry " + (i + 1));
            }
        }
        long[] wide = HdfArrays.longs(indicesSet.getData());
        int[] indices = new int[wide.length];
        for (int k = 0; k < wide.length; k++) {
            if (wide[k] < 0 || wide[k] >= minor) {
                throw new DataFileException(at + " has index " + wide[k] + " outside 0.." + (minor - 1));
            }
            indices[k] = (int) wide[k];
        }
        return new CompressedArrays(indptr, indices, HdfArrays.floats(dataSet.getData()));
    }
}

/**
 * Reading and writing files: 10x folders and matrix.mtx, Cell Ranger .h5, AnnData .h5ad (jHDF), CSV/TSV (Commons
 * CSV), metadata joins, and the cdgm model file with its provenance, layout check and atomic writes. Errors name the
 * file, row or column ({@link org.cdgm.engine.io.DataFileException}, {@link org.cdgm.engine.io.ModelFileException}).
 */
package org.cdgm.engine.io;

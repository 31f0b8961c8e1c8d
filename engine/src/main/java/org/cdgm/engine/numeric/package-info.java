/**
 * The ground floor: host-memory buffers and BLAS calls (matrix products, vector kernels) and special functions
 * (log-gamma, digamma) used by the network, the objectives and the readers. Depends on ND4J only, never on another
 * cdgm package; not exported by the KNIME bundle.
 */
package org.cdgm.engine.numeric;

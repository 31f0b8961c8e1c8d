/**
 * Identifiability scores and their building blocks: mean correlation coefficient (MCC) with optimal matching,
 * affine-aligned MCC and block R^2 against known latents, seed stability between fits, silhouette and k-NN
 * accuracy of a grouping, and the regressions behind them. Each refuses non-finite input with a message naming the
 * embedding; numbers are checked against scikit-learn and scipy.
 */
package org.cdgm.engine.metrics;

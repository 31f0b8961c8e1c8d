/**
 * What a fitted model says about genes and perturbations: which genes make the salient space, how each group of
 * target cells (a knockout, a drug, a dose) differs from the background, and the statistics behind those answers
 * (energy distance, permutation tests, Benjamini-Hochberg correction) together with the plain principal-component
 * baseline they are compared with. Plain Java; no KNIME import.
 */
package org.cdgm.engine.analysis;

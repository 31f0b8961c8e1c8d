/**
 * Cells as the engine sees them: dense and sparse count matrices, cell metadata, background/target conditions, batch
 * covariates, the contrastive data set handed to training, and the checks that turn bad input into a specific
 * message ({@link org.cdgm.engine.data.InvalidInputException}).
 */
package org.cdgm.engine.data;

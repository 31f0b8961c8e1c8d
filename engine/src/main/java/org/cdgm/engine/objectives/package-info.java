/**
 * The regularisers that separate shared from salient variation: maximum mean discrepancy (MMD) between background
 * and target shared codes, HSIC independence between shared and salient codes, the salient-background penalty, and
 * their Gaussian kernels, each with its gradient with respect to the codes and its noise floor.
 */
package org.cdgm.engine.objectives;

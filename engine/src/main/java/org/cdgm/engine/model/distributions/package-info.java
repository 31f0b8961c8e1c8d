/**
 * The probability distributions of the model: observation models p(x | f(z, t)) (Gaussian, Poisson, negative
 * binomial), latent priors p(z), p(t) (standard normal, learnable mixture of Gaussians), the reparameterised latent
 * samples and their gradients, and the batches of cells they score. Each class gives its formula and derivatives in
 * its comment; the gradient tests check each derivative against finite differences.
 */
package org.cdgm.engine.model.distributions;

/**
 * The public model API: what a user chooses ({@link org.cdgm.engine.model.ModelConfig} with its likelihood, prior,
 * activation and precision) and what a fit returns ({@link org.cdgm.engine.model.TrainedModel}, its
 * {@link org.cdgm.engine.model.Posterior} and {@link org.cdgm.engine.model.Embedding}, and the structured
 * {@link org.cdgm.engine.model.ModelProvenance} stored in model files). The only model package the KNIME bundle
 * exports; the network, distributions and parameter storage below it are implementation.
 */
package org.cdgm.engine.model;

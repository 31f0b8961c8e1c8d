/**
 * Pictures for nodes and reports (JFreeChart, PNG): latent spaces coloured by a label, training history, score
 * tables, effect rankings and experiment figures, sized by {@link org.cdgm.engine.plot.PlotSize}.
 */
package org.cdgm.engine.plot;

/**
 * Parameter storage: named parameter groups laid out in one flat vector ({@link
 * org.cdgm.engine.model.parameters.ParameterLayout}), so that the optimiser, checkpoints and model files treat a
 * model as one array while each layer and distribution reads its own slice by name.
 */
package org.cdgm.engine.model.parameters;

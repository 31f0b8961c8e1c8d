package org.cdgm.engine.model.parameters;

/**
 * Which objective a parameter serves. Multi-objective training (MGDA) combines the background and target
 * gradients only for {@link #SHARED} parameters; {@link #TARGET_ONLY} parameters (salient encoder, salient
 * prior) receive the target gradient as is, because the background ELBO does not depend on them.
 */
public enum ParameterGroup {
    SHARED,
    TARGET_ONLY
}

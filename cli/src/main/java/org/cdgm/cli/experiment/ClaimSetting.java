package org.cdgm.cli.experiment;

import java.util.Objects;

import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.simulation.SimulationSettings;

/**
 * One setting of a claim experiment: how the data are simulated and which model is fitted to them.
 *
 * @param name       the setting in the tables, {@code key=value} pairs joined by commas, e.g.
 *                   {@code mixing=relu,decoder=relu}
 * @param simulation the simulator's settings; the seed is replaced by each data seed
 * @param model      the architecture fitted (its genes match the simulation's)
 */
public record ClaimSetting(String name, SimulationSettings simulation, ModelConfig model) {
    public ClaimSetting {
        Objects.requireNonNull(name, "name");
        if (model.genes() != simulation.genes()) {
            throw new IllegalArgumentException("Setting '" + name + "': the model takes " + model.genes()
                    + " genes but the simulation draws " + simulation.genes());
        }
    }
}

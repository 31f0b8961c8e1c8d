package org.cdgm.knime.nodes.predictor;

import org.cdgm.knime.settings.SettingsGroup;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** Names of the appended coordinate columns: "{prefix} 1" ... */
final class ContrastiveVaePredictorNodeSettings extends SettingsGroup {
    static final String CFG_SHARED_PREFIX = "shared_prefix";
    static final String CFG_SALIENT_PREFIX = "salient_prefix";

    final SettingsModelString sharedPrefix = add(new SettingsModelString(CFG_SHARED_PREFIX, "shared"));
    final SettingsModelString salientPrefix = add(new SettingsModelString(CFG_SALIENT_PREFIX, "salient"));

    @Override
    public void check() throws InvalidSettingsException {
        String z = sharedPrefix.getStringValue();
        String t = salientPrefix.getStringValue();
        if (z == null || z.isBlank() || t == null || t.isBlank()) {
            throw new InvalidSettingsException("Settings 'Shared column prefix' and 'Salient column prefix' must "
                    + "not be empty");
        }
        if (z.equals(t)) {
            throw new InvalidSettingsException("Settings 'Shared column prefix' and 'Salient column prefix' are both '"
                    + z + "'; the columns would clash");
        }
    }
}

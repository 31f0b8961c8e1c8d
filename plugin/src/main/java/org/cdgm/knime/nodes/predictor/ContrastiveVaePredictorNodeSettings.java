package org.cdgm.knime.nodes.predictor;

import org.cdgm.knime.settings.SettingsGroup;
import org.cdgm.knime.table.EmbeddingColumns;
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
        EmbeddingColumns.checkPrefixes(sharedPrefix.getStringValue(), salientPrefix.getStringValue());
    }
}

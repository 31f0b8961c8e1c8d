package org.cdgm.knime.table;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.node.InvalidSettingsException;

/**
 * Latent coordinates as table columns: "{prefix} 1" ... "{prefix} k". The predictor appends them, the simulator
 * writes the true ones this way, and the scorer finds them again by prefix.
 */
public final class EmbeddingColumns {
    private EmbeddingColumns() {
    }

    public static String name(String prefix, int index) {
        return prefix + " " + (index + 1);
    }

    public static DataColumnSpec[] specs(String prefix, int k) {
        DataColumnSpec[] out = new DataColumnSpec[k];
        for (int i = 0; i < k; i++) {
            out[i] = new DataColumnSpecCreator(name(prefix, i), DoubleCell.TYPE).createSpec();
        }
        return out;
    }

    /**
     * Checks a pair of prefixes as the predictor writes them and the plot reads them: both given and different.
     *
     * @throws InvalidSettingsException naming the dialog's settings 'Shared column prefix' and 'Salient column prefix'
     */
    public static void checkPrefixes(String shared, String salient) throws InvalidSettingsException {
        if (shared == null || shared.isBlank() || salient == null || salient.isBlank()) {
            throw new InvalidSettingsException("Settings 'Shared column prefix' and 'Salient column prefix' must "
                    + "not be empty");
        }
        if (shared.equals(salient)) {
            throw new InvalidSettingsException("Settings 'Shared column prefix' and 'Salient column prefix' are both '"
                    + shared + "'; the columns would clash");
        }
    }

    /** The columns of several specs, in order. */
    public static DataColumnSpec[] concat(DataColumnSpec[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(DataColumnSpec[]::new);
    }

    /** Indices of "{prefix} 1", "{prefix} 2", ... in order, stopping at the first absent one. */
    public static int[] find(DataTableSpec spec, String prefix, String setting) throws InvalidSettingsException {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; ; i++) {
            int at = spec.findColumnIndex(name(prefix, i));
            if (at < 0) {
                break;
            }
            if (!spec.getColumnSpec(at).getType().isCompatible(DoubleValue.class)) {
                throw new InvalidSettingsException("Column '" + name(prefix, i) + "' (setting '" + setting
                        + "') must be numeric");
            }
            idx.add(at);
        }
        if (idx.isEmpty()) {
            throw new InvalidSettingsException("No column '" + name(prefix, 0) + "' in the input table (setting '"
                    + setting + "'); connect a table with coordinates from the predictor or the simulator");
        }
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }
}

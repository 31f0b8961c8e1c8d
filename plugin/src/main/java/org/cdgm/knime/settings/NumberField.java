package org.cdgm.knime.settings;

import org.cdgm.engine.training.SettingRange;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.DialogComponentNumberEdit;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelNumber;

/**
 * A number typed into a text field. KNIME's spinner silently puts the previous value back when the text is not a
 * number or out of its range; here OK is refused with a message naming the setting and its range instead.
 */
public final class NumberField extends DialogComponentNumberEdit {
    private final String label;
    /** The engine's words for the range, or null to describe the model's bounds. */
    private final SettingRange engineRange;

    public NumberField(SettingsModelNumber model, String label) {
        this(model, label, null);
    }

    /**
     * @param engineRange the range the engine publishes for this setting, whose bounds the model holds; named in
     *                    the message, so that an open end reads "in (0, 1)" rather than as the double next to it
     */
    public NumberField(SettingsModelNumber model, String label, SettingRange engineRange) {
        super(model, label, 8);
        this.label = label;
        this.engineRange = engineRange;
    }

    @Override
    protected void validateSettingsBeforeSave() throws InvalidSettingsException {
        try {
            super.validateSettingsBeforeSave();
        } catch (InvalidSettingsException e) {
            throw new InvalidSettingsException("Setting '" + label + "' must be " + range() + "; please correct the "
                    + "value typed in the dialog", e);
        }
    }

    /** "a whole number from 2 to 100000", "a number of at least 0", ... */
    private String range() {
        if (engineRange != null) {
            return engineRange.describe();
        }
        SettingsModelNumber m = (SettingsModelNumber) getModel();
        boolean whole = m instanceof SettingsModelInteger || m instanceof SettingsModelIntegerBounded;
        String kind = whole ? "a whole number" : "a number";
        double lo;
        double hi;
        if (m instanceof SettingsModelIntegerBounded b) {
            lo = b.getLowerBound();
            hi = b.getUpperBound();
        } else if (m instanceof SettingsModelDoubleBounded b) {
            lo = b.getLowerBound();
            hi = b.getUpperBound();
        } else {
            return kind;
        }
        boolean open = hi >= Integer.MAX_VALUE;
        return kind + (open ? " of at least " + format(lo) : " from " + format(lo) + " to " + format(hi));
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}

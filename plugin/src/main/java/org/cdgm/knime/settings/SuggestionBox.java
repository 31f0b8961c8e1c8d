package org.cdgm.knime.settings;

import java.awt.Dimension;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.swing.DefaultComboBoxModel;
import javax.swing.JComboBox;
import javax.swing.JLabel;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.NominalValue;
import org.knime.core.data.StringValue;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.defaultnodesettings.DialogComponent;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.knime.core.node.port.PortObjectSpec;

/**
 * A text setting typed freely or picked from suggestions read from an input table's spec: the string columns
 * (condition column), the possible values of a column (background and target labels, when the upstream node put
 * them into the column's domain), or the prefixes of numbered columns ("shared 1", "shared 2" give "shared").
 * Unlike KNIME's column selection it never refuses to open: without an input spec, or before the upstream node
 * has a spec, the box is a text field, and a value that is not among the suggestions is kept.
 */
public final class SuggestionBox extends DialogComponent {
    private static final Pattern NUMBERED = Pattern.compile("(.+) \\d+");

    private final JComboBox<String> box = new JComboBox<>(new DefaultComboBoxModel<>());
    private final Function<DataTableSpec, List<String>> suggestions;
    private final int port;
    private boolean updating;

    private SuggestionBox(SettingsModelString model, String label, int port,
            Function<DataTableSpec, List<String>> suggestions) {
        super(model);
        this.port = port;
        this.suggestions = suggestions;
        box.setEditable(true);
        box.setPreferredSize(new Dimension(220, box.getPreferredSize().height));
        box.addActionListener(e -> {
            if (!updating) {
                updateModel();
            }
        });
        getComponentPanel().add(new JLabel(label));
        getComponentPanel().add(box);
        getModel().addChangeListener(e -> updateComponent());
        updateComponent();
    }

    /** String (or nominal) columns of the table at {@code port}. */
    public static SuggestionBox column(SettingsModelString model, String label, int port) {
        return new SuggestionBox(model, label, port, SuggestionBox::stringColumns);
    }

    private static List<String> stringColumns(DataTableSpec spec) {
        List<String> out = new ArrayList<>();
        if (spec != null) {
            for (DataColumnSpec c : spec) {
                if (c.getType().isCompatible(StringValue.class) || c.getType().isCompatible(NominalValue.class)) {
                    out.add(c.getName());
                }
            }
        }
        return out;
    }

    /**
     * As {@link #column}, for a setting that may be none: an empty first entry (none), then the string columns of
     * the table at {@code port}; another column's name can still be typed.
     */
    public static SuggestionBox optionalColumn(SettingsModelString model, String label, int port) {
        return new SuggestionBox(model, label, port, spec -> {
            List<String> out = new ArrayList<>();
            out.add("");
            out.addAll(stringColumns(spec));
            return out;
        });
    }

    /**
     * The possible values (domain) of the column named by {@code column} in the table at {@code port}, refreshed
     * when that setting changes; none when the domain does not list them.
     */
    public static SuggestionBox valueOf(SettingsModelString model, String label, int port,
            SettingsModelString column) {
        SuggestionBox b = new SuggestionBox(model, label, port, spec -> {
            List<String> out = new ArrayList<>();
            DataColumnSpec c = spec == null ? null : spec.getColumnSpec(column.getStringValue());
            if (c != null && c.getDomain().hasValues()) {
                Set<String> sorted = new TreeSet<>();
                for (DataCell v : c.getDomain().getValues()) {
                    sorted.add(v.toString());
                }
                out.addAll(sorted);
            }
            return out;
        });
        column.addChangeListener(e -> b.updateComponent());
        return b;
    }

    /** Prefixes of numbered columns ("{prefix} 1", "{prefix} 2", ...) in the table at {@code port}. */
    public static SuggestionBox prefixOf(SettingsModelString model, String label, int port) {
        return new SuggestionBox(model, label, port, spec -> {
            Set<String> out = new LinkedHashSet<>();
            if (spec != null) {
                for (DataColumnSpec c : spec) {
                    Matcher m = NUMBERED.matcher(c.getName());
                    if (m.matches()) {
                        out.add(m.group(1));
                    }
                }
            }
            return new ArrayList<>(out);
        });
    }

    private DataTableSpec spec() {
        PortObjectSpec[] specs = getLastTableSpecs();
        return specs != null && port < specs.length && specs[port] instanceof DataTableSpec t ? t : null;
    }

    @Override
    protected void updateComponent() {
        String value = ((SettingsModelString) getModel()).getStringValue();
        updating = true;
        try {
            DefaultComboBoxModel<String> items = (DefaultComboBoxModel<String>) box.getModel();
            items.removeAllElements();
            for (String s : suggestions.apply(spec())) {
                items.addElement(s);
            }
            box.setSelectedItem(value == null ? "" : value);
            box.getEditor().setItem(value == null ? "" : value);
        } finally {
            updating = false;
        }
        setEnabledComponents(getModel().isEnabled());
    }

    private void updateModel() {
        Object item = box.getEditor().getItem();
        ((SettingsModelString) getModel()).setStringValue(item == null ? "" : item.toString().trim());
    }

    @Override
    protected void validateSettingsBeforeSave() throws InvalidSettingsException {
        updateModel();
    }

    @Override
    protected void checkConfigurabilityBeforeLoad(PortObjectSpec[] specs) throws NotConfigurableException {
        // never refuses: no spec means no suggestions, the value can still be typed
    }

    @Override
    protected void setEnabledComponents(boolean enabled) {
        box.setEnabled(enabled);
    }

    @Override
    public void setToolTipText(String text) {
        box.setToolTipText(text);
        getComponentPanel().setToolTipText(text);
    }
}

package org.cdgm.knime.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import javax.swing.AbstractButton;

import org.cdgm.engine.data.UserChoice;
import org.cdgm.engine.training.SettingRange;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponent;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentButtonGroup;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelNumber;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.util.ButtonGroupEnumInterface;
import org.knime.core.node.workflow.VariableType.StringType;

/**
 * A node dialog whose every setting carries a tooltip: the first sentence of its option in the node description
 * ({@link OptionHelp}); choices show their {@link UserChoice} titles with one tooltip per choice; settings that do
 * not apply are disabled by rules that listen to the settings they depend on. Labels are the option names of the
 * description (the build checks both directions).
 */
public class DescribedSettingsPane extends DefaultNodeSettingsPane {
    private final OptionHelp help;
    private final List<Runnable> rules = new ArrayList<>();
    private final List<SettingsModel> kept = new ArrayList<>();

    /** @param factory the node factory, whose description XML holds the option texts */
    protected DescribedSettingsPane(Class<?> factory) {
        help = OptionHelp.of(factory);
    }

    private <C extends DialogComponent> C put(C component, String label) {
        String tip = help.of(label);
        if (tip != null) {
            component.setToolTipText(tip);
        }
        addDialogComponent(component);
        return component;
    }

    /**
     * A number in a text field ({@link NumberField}: a value it cannot take is refused with a message, where a
     * spinner would silently restore the old one).
     */
    public NumberField number(SettingsModelNumber model, String label) {
        return put(new NumberField(model, label), label);
    }

    /** As {@link #number(SettingsModelNumber, String)}, its range named in the engine's words. */
    public NumberField number(SettingsModelNumber model, String label, SettingRange engineRange) {
        return put(new NumberField(model, label, engineRange), label);
    }

    public DialogComponentString text(SettingsModelString model, String label) {
        return put(new DialogComponentString(model, label), label);
    }

    public DialogComponentBoolean check(SettingsModelBoolean model, String label) {
        return put(new DialogComponentBoolean(model, label), label);
    }

    /** Radio buttons titled by {@link UserChoice#title}, each with its help as tooltip; stores the constant name. */
    public <E extends Enum<E> & UserChoice> DialogComponentButtonGroup choice(SettingsModelString model,
            String label, E[] values) {
        return choice(model, label, values, Enum::name);
    }

    /** As {@link #choice(SettingsModelString, String, Enum[])}, storing {@code stored} of each constant. */
    public <E extends Enum<E> & UserChoice> DialogComponentButtonGroup choice(SettingsModelString model,
            String label, E[] values, Function<E, String> stored) {
        return choice(model, label, values, stored, true);
    }

    /** As above; {@code vertical} false puts short choices in one row. */
    public <E extends Enum<E> & UserChoice> DialogComponentButtonGroup choice(SettingsModelString model,
            String label, E[] values, Function<E, String> stored, boolean vertical) {
        ButtonGroupEnumInterface[] buttons = new ButtonGroupEnumInterface[values.length];
        for (int i = 0; i < values.length; i++) {
            E v = values[i];
            buttons[i] = new ButtonGroupEnumInterface() {
                @Override
                public String getText() {
                    return v.title();
                }

                @Override
                public String getActionCommand() {
                    return stored.apply(v);
                }

                @Override
                public String getToolTip() {
                    return v.help();
                }

                @Override
                public boolean isDefault() {
                    return stored.apply(v).equals(model.getStringValue());
                }
            };
        }
        DialogComponentButtonGroup group = new DialogComponentButtonGroup(model, label, vertical, buttons);
        String tip = help.of(label);
        if (tip != null) { // on the group, not the buttons: they keep each choice's own help
            group.getComponentPanel().setToolTipText(tip);
        }
        addDialogComponent(group);
        return group;
    }

    /** Disables one choice while {@code when} holds (e.g. no regulariser in constrained modes). */
    public void disableChoice(DialogComponentButtonGroup group, String stored, BooleanSupplier when,
            SettingsModel... governing) {
        rule(() -> {
            AbstractButton b = group.getButton(stored);
            if (b != null) {
                b.setEnabled(group.getModel().isEnabled() && !when.getAsBoolean());
            }
        }, governing);
    }

    public SuggestionBox column(SettingsModelString model, String label, int port) {
        return put(SuggestionBox.column(model, label, port), label);
    }

    /** A column that may be none: the suggestions start with an empty entry. */
    public SuggestionBox optionalColumn(SettingsModelString model, String label, int port) {
        return put(SuggestionBox.optionalColumn(model, label, port), label);
    }

    public SuggestionBox valueOf(SettingsModelString model, String label, int port, SettingsModelString column) {
        return put(SuggestionBox.valueOf(model, label, port, column), label);
    }

    public SuggestionBox prefix(SettingsModelString model, String label, int port) {
        return put(SuggestionBox.prefixOf(model, label, port), label);
    }

    /** A file-or-folder path, flow-variable enabled, with a line saying what the path holds. */
    public FileOrFolderChooser file(SettingsModelString model, String label, String historyId,
            Function<String, String> describe, String... suffixes) {
        return put(new FileOrFolderChooser(model, label, historyId,
                createFlowVariableModel(model.getKey(), StringType.INSTANCE), describe, suffixes), label);
    }

    /**
     * Enables {@code target} only while {@code applies} holds, re-evaluated whenever one of {@code governing}
     * changes and when the dialog opens.
     */
    public void enableWhen(SettingsModel target, BooleanSupplier applies,
            SettingsModel... governing) {
        rule(() -> target.setEnabled(applies.getAsBoolean()), governing);
    }

    private void rule(Runnable r, SettingsModel... governing) {
        rules.add(r);
        for (SettingsModel g : governing) {
            g.addChangeListener(e -> r.run());
        }
        r.run();
    }

    /**
     * Settings this dialog does not show but must hand back unchanged on OK (the node model saves and validates
     * every key; the tuner's grid replaces its penalty weight and epsilon, for instance).
     */
    public void keep(SettingsModel... models) {
        kept.addAll(List.of(models));
    }

    @Override
    public void loadAdditionalSettingsFrom(NodeSettingsRO settings, PortObjectSpec[] specs)
            throws NotConfigurableException {
        for (SettingsModel m : kept) {
            try {
                m.loadSettingsFrom(settings);
            } catch (InvalidSettingsException e) {
                // not saved yet (an older workflow): the default goes back, as the node model would use it
            }
        }
        rules.forEach(Runnable::run);
        super.loadAdditionalSettingsFrom(settings, specs);
    }

    @Override
    public void saveAdditionalSettingsTo(NodeSettingsWO settings) throws InvalidSettingsException {
        for (SettingsModel m : kept) {
            m.saveSettingsTo(settings);
        }
        super.saveAdditionalSettingsTo(settings);
    }
}

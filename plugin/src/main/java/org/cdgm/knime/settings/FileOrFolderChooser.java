package org.cdgm.knime.settings;

import java.awt.Component;
import java.awt.Dimension;
import java.util.Objects;
import java.util.function.Function;

import javax.swing.BoxLayout;
import javax.swing.JComponent;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JPanel;

import org.knime.core.node.FlowVariableModel;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.defaultnodesettings.DialogComponent;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.util.FilesHistoryPanel;
import org.knime.core.node.util.FilesHistoryPanel.LocationValidation;

/**
 * A path that may be a file or a folder (a 10x folder is both a valid choice and a directory, which KNIME's own
 * file chooser marks as an error). Under the path a line says what the node will make of it, from the engine's
 * own rules (e.g. "Found: 10x folder (matrix.mtx)"); a missing file is said without the word "Error", because
 * configure reports it with the node's message and the path is kept.
 */
public final class FileOrFolderChooser extends DialogComponent {
    private final FilesHistoryPanel files;
    private final JLabel status = new JLabel(" ");
    private final Function<String, String> describe;
    private boolean updating;

    /**
     * @param describe what the path holds, in words (called on every change; must not throw)
     * @param fvm      flow variable model of the path setting, or null
     */
    public FileOrFolderChooser(SettingsModelString model, String label, String historyId, FlowVariableModel fvm,
            Function<String, String> describe, String... suffixes) {
        super(model);
        this.describe = Objects.requireNonNull(describe, "describe");
        files = new FilesHistoryPanel(fvm, historyId, LocationValidation.None, suffixes);
        files.setSelectMode(JFileChooser.FILES_AND_DIRECTORIES);
        files.setDialogType(JFileChooser.OPEN_DIALOG);
        files.addChangeListener(e -> {
            if (!updating) {
                updateModel();
            }
        });
        // label, path and status in one column of one panel (the label names the path box next to it)
        JPanel p = getComponentPanel();
        p.setLayout(new BoxLayout(p, BoxLayout.Y_AXIS));
        JLabel title = new JLabel(label);
        for (JComponent c : new JComponent[] {title, files, status}) {
            c.setAlignmentX(Component.LEFT_ALIGNMENT);
            p.add(c);
        }
        p.setMaximumSize(new Dimension(Integer.MAX_VALUE, p.getPreferredSize().height));
        getModel().addChangeListener(e -> updateComponent());
        updateComponent();
    }

    /** For a single file the node reads: the browser offers files only, not folders. Returns this chooser. */
    public FileOrFolderChooser filesOnly() {
        files.setSelectMode(JFileChooser.FILES_ONLY);
        return this;
    }

    /** For a file the node writes: the browser is a Save dialog offering files only. Returns this chooser. */
    public FileOrFolderChooser forWriting() {
        files.setSelectMode(JFileChooser.FILES_ONLY);
        files.setDialogType(JFileChooser.SAVE_DIALOG);
        return this;
    }

    @Override
    protected void updateComponent() {
        String value = ((SettingsModelString) getModel()).getStringValue();
        updating = true;
        try {
            if (!Objects.equals(value, files.getSelectedFile())) {
                files.setSelectedFile(value == null ? "" : value);
            }
        } finally {
            updating = false;
        }
        status.setText(describe.apply(value == null ? "" : value.trim()));
        setEnabledComponents(getModel().isEnabled());
    }

    private void updateModel() {
        String v = files.getSelectedFile();
        ((SettingsModelString) getModel()).setStringValue(v == null ? "" : v.trim());
        status.setText(describe.apply(v == null ? "" : v.trim()));
    }

    @Override
    protected void validateSettingsBeforeSave() throws InvalidSettingsException {
        updateModel();
        files.addToHistory();
    }

    @Override
    protected void checkConfigurabilityBeforeLoad(PortObjectSpec[] specs) throws NotConfigurableException {
        // a source node: nothing upstream to wait for
    }

    @Override
    protected void setEnabledComponents(boolean enabled) {
        files.setEnabled(enabled);
        status.setEnabled(enabled);
    }

    @Override
    public void setToolTipText(String text) {
        files.setToolTipText(text);
    }
}

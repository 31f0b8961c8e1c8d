package org.cdgm.knime.port;

import java.io.IOException;
import java.util.Map;
import java.util.zip.ZipEntry;

import javax.swing.JComponent;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;

import org.cdgm.engine.io.ModelFile;
import org.cdgm.engine.model.TrainedModel;
import org.cdgm.knime.Nd4jStartup;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.port.AbstractPortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectZipInputStream;
import org.knime.core.node.port.PortObjectZipOutputStream;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;

/**
 * A trained contrastive VAE travelling between nodes. Saved in the engine's versioned model format (one zip
 * entry), so a workflow saved today loads in later versions (ports saved in format 1 still load: the engine reads
 * both), and a damaged or newer file gives the engine's clear message instead of a stack trace.
 */
public final class ContrastiveModelPortObject extends AbstractPortObject {
    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(
            ContrastiveModelPortObject.class);
    static final String ENTRY = "model.cdgm";

    private TrainedModel model;
    private ContrastiveModelPortObjectSpec spec;

    /** Serializer registered in plugin.xml. */
    public static final class Serializer extends AbstractPortObjectSerializer<ContrastiveModelPortObject> {
    }

    /** For the serializer only. */
    public ContrastiveModelPortObject() {
    }

    public ContrastiveModelPortObject(TrainedModel model) {
        this.model = model;
        this.spec = new ContrastiveModelPortObjectSpec(model.config(), model.genes())
                .withBatchColumn(model.hasBatchCovariate() ? model.batch().column() : null);
    }

    public TrainedModel model() {
        return model;
    }

    @Override
    public ContrastiveModelPortObjectSpec getSpec() {
        return spec;
    }

    @Override
    public String getSummary() {
        return spec.describe();
    }

    @Override
    protected void save(PortObjectZipOutputStream out, ExecutionMonitor exec)
            throws IOException, CanceledExecutionException {
        out.putNextEntry(new ZipEntry(ENTRY));
        ModelFile.write(model, out);
        out.closeEntry();
    }

    @Override
    protected void load(PortObjectZipInputStream in, PortObjectSpec portSpec, ExecutionMonitor exec)
            throws IOException, CanceledExecutionException {
        ZipEntry entry = in.getNextEntry();
        if (entry == null || !ENTRY.equals(entry.getName())) {
            throw new IOException("The saved contrastive model port holds no '" + ENTRY + "' entry (found "
                    + (entry == null ? "nothing" : "'" + entry.getName() + "'") + "); it was not written by cdgm");
        }
        Nd4jStartup.ensureStarted();
        // ModelFileException (an IOException) says whether the file is foreign, truncated, corrupt or newer.
        model = ModelFile.read(in, "the saved contrastive model");
        spec = (ContrastiveModelPortObjectSpec) portSpec;
    }

    @Override
    public JComponent[] getViews() {
        StringBuilder text = new StringBuilder(spec.describe()).append("\n\nProvenance\n");
        for (Map.Entry<String, String> e : model.provenance().entries(true).entrySet()) {
            text.append("  ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        JTextArea area = new JTextArea(text.toString());
        area.setEditable(false);
        JScrollPane pane = new JScrollPane(area);
        pane.setName("Contrastive VAE");
        return new JComponent[] {pane};
    }
}

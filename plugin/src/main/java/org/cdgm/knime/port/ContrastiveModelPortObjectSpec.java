package org.cdgm.knime.port;

import java.util.List;

import javax.swing.JComponent;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;

import org.cdgm.engine.model.ModelConfig;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;
import org.knime.core.node.port.AbstractSimplePortObjectSpec;

/**
 * What downstream nodes need to know at configure time about a trained contrastive VAE: the genes it expects
 * (so the predictor can check its input table) and the latent sizes (so it can announce its output columns).
 */
public final class ContrastiveModelPortObjectSpec extends AbstractSimplePortObjectSpec {
    private static final String CFG_GENES = "genes";
    private static final String CFG_SHARED = "shared_latent_size";
    private static final String CFG_SALIENT = "salient_latent_size";
    private static final String CFG_LIKELIHOOD = "likelihood";
    /** Added with batch covariates: specs saved before load "" (none). */
    private static final String CFG_BATCH_COLUMN = "batch_column";

    private List<String> genes = List.of();
    private int sharedDim;
    private int salientDim;
    private String likelihood = "";
    private String batchColumn = "";

    /** Serializer registered in plugin.xml. */
    public static final class Serializer extends AbstractSimplePortObjectSpecSerializer<ContrastiveModelPortObjectSpec> {
    }

    /** For the serializer only. */
    public ContrastiveModelPortObjectSpec() {
    }

    public ContrastiveModelPortObjectSpec(ModelConfig config, List<String> genes) {
        this.genes = List.copyOf(genes);
        this.sharedDim = config.sharedDim();
        this.salientDim = config.salientDim();
        this.likelihood = config.likelihood().name();
    }

    /**
     * Before training, when the likelihood is still to be chosen (AUTO decided from the data at execute):
     * {@code likelihood} is the text shown, e.g. "AUTO (chosen from the data at execute)".
     */
    public ContrastiveModelPortObjectSpec(int sharedDim, int salientDim, List<String> genes, String likelihood) {
        this.genes = List.copyOf(genes);
        this.sharedDim = sharedDim;
        this.salientDim = salientDim;
        this.likelihood = likelihood;
    }

    public List<String> genes() {
        return genes;
    }

    /** The same spec with the model's batch column (null or "" for none). */
    public ContrastiveModelPortObjectSpec withBatchColumn(String column) {
        ContrastiveModelPortObjectSpec s = new ContrastiveModelPortObjectSpec(sharedDim, salientDim, genes, likelihood);
        s.batchColumn = column == null ? "" : column;
        return s;
    }

    /** The batch column the model takes as a covariate, or "" when it has none. */
    public String batchColumn() {
        return batchColumn;
    }

    public int sharedDim() {
        return sharedDim;
    }

    public int salientDim() {
        return salientDim;
    }

    public String likelihood() {
        return likelihood;
    }

    @Override
    protected void save(ModelContentWO model) {
        model.addStringArray(CFG_GENES, genes.toArray(String[]::new));
        model.addInt(CFG_SHARED, sharedDim);
        model.addInt(CFG_SALIENT, salientDim);
        model.addString(CFG_LIKELIHOOD, likelihood);
        model.addString(CFG_BATCH_COLUMN, batchColumn);
    }

    @Override
    protected void load(ModelContentRO model) throws InvalidSettingsException {
        genes = List.of(model.getStringArray(CFG_GENES));
        sharedDim = model.getInt(CFG_SHARED);
        salientDim = model.getInt(CFG_SALIENT);
        likelihood = model.getString(CFG_LIKELIHOOD);
        batchColumn = model.getString(CFG_BATCH_COLUMN, "");
    }

    @Override
    public JComponent[] getViews() {
        JTextArea text = new JTextArea(describe());
        text.setEditable(false);
        JScrollPane pane = new JScrollPane(text);
        pane.setName("Contrastive VAE");
        return new JComponent[] {pane};
    }

    String describe() {
        return "Contrastive VAE: " + genes.size() + " genes, shared latent size k_z = " + sharedDim
                + ", salient latent size k_t = " + salientDim + ", likelihood " + likelihood
                + (batchColumn.isEmpty() ? "" : ", batch covariate " + batchColumn);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContrastiveModelPortObjectSpec s && genes.equals(s.genes) && sharedDim == s.sharedDim
                && salientDim == s.salientDim && likelihood.equals(s.likelihood) && batchColumn.equals(s.batchColumn);
    }

    @Override
    public int hashCode() {
        return genes.hashCode() * 31 + sharedDim * 7 + salientDim;
    }
}

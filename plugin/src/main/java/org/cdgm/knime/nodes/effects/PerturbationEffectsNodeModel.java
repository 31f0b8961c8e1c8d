package org.cdgm.knime.nodes.effects;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

import org.cdgm.engine.analysis.DifferentialExpression;
import org.cdgm.engine.analysis.PerturbationEffects;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.model.Posterior;
import org.cdgm.engine.model.TrainedModel;
import org.cdgm.engine.plot.EffectsPlot;
import org.cdgm.engine.plot.PlotSize;
import org.cdgm.knime.Nd4jStartup;
import org.cdgm.knime.nodes.SettingsNodeModel;
import org.cdgm.knime.port.ContrastiveModelPortObject;
import org.cdgm.knime.port.ContrastiveModelPortObjectSpec;
import org.cdgm.knime.port.PngPorts;
import org.cdgm.knime.table.GeneEffectTable;
import org.cdgm.knime.table.ModelCells;
import org.cdgm.knime.table.NumericCells;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.image.ImagePortObject;

/**
 * Which perturbations have an effect: per label of the target cells, the energy distance of its cells from the
 * background cells in the salient and the shared space with permutation p-values and Benjamini-Hochberg adjustment
 * ({@link PerturbationEffects}), the label's salient genes ({@link DifferentialExpression}) and the picture
 * ({@link EffectsPlot}). A thin adapter, as {@code cdgm effects}.
 */
final class PerturbationEffectsNodeModel extends SettingsNodeModel<PerturbationEffectsNodeSettings> {
    /** Significance level of the adjusted salient p-value for the "significant" column and the picture. */
    static final double LEVEL = 0.05;
    private static final int TOP_GENES = 5;
    /** Progress: reading and encoding, then the tests, then the genes. */
    private static final double READ = 0.15;
    private static final double TESTS = 0.6;

    PerturbationEffectsNodeModel() {
        super(new PortType[] {ContrastiveModelPortObject.TYPE, BufferedDataTable.TYPE},
                new PortType[] {BufferedDataTable.TYPE, BufferedDataTable.TYPE, ImagePortObject.TYPE},
                PerturbationEffectsNodeSettings::new);
    }

    @Override
    protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        settings.check();
        DataTableSpec table = (DataTableSpec) inSpecs[1];
        ModelCells.check((ContrastiveModelPortObjectSpec) inSpecs[0], table);
        settings.cells.checkTable(table, settings.background());
        ModelCells.column(table, settings.label(), "Label column", true);
        if (settings.strata() != null) {
            ModelCells.column(table, settings.strata(), "Replicate column", false);
        }
        return new PortObjectSpec[] {effectsSpec(), GeneEffectTable.spec("label"), PngPorts.spec()};
    }

    @Override
    protected PortObject[] execute(PortObject[] inObjects, ExecutionContext exec) throws Exception {
        TrainedModel model = ((ContrastiveModelPortObject) inObjects[0]).model();
        BufferedDataTable table = (BufferedDataTable) inObjects[1];
        DataTableSpec spec = table.getDataTableSpec();
        PerturbationEffects.Settings effectSettings = settings.effectSettings();
        DifferentialExpression.Settings geneSettings = settings.geneSettings();
        int label = ModelCells.column(spec, settings.label(), "Label column", true);
        int[] text = settings.strata() == null ? new int[] {label}
                : new int[] {label, ModelCells.column(spec, settings.strata(), "Replicate column", false)};
        Map<Condition, ModelCells.Cells> cells = ModelCells.read(table, model,
                settings.cells.selection(settings.background()), text, exec.createSubProgress(READ / 2));
        ModelCells.Cells bg = cells.get(Condition.BACKGROUND);
        ModelCells.Cells tg = cells.get(Condition.TARGET);
        String[] labels = tg.text().get(0);
        String[] bgStrata = settings.strata() == null ? null : strata(bg);
        String[] tgStrata = settings.strata() == null ? null : strata(tg);
        Nd4jStartup.ensureStarted();
        exec.setMessage("Encoding " + bg.size() + " background and " + tg.size() + " target cells");
        Posterior bgPosterior = bg.posterior(model);
        Posterior tgPosterior = tg.posterior(model);
        exec.setProgress(READ);

        int testable = testableLabels(labels, effectSettings.minCells());
        PerturbationEffects.Result result;
        try {
            result = PerturbationEffects.compute(bgPosterior.sharedMean(), bgPosterior.salientMean(), bgStrata,
                    tgPosterior.sharedMean(), tgPosterior.salientMean(), labels, tgStrata, effectSettings,
                    progress(exec, testable));
        } catch (Canceled c) {
            throw c.request;
        }
        if (!result.warnings().isEmpty()) {
            setWarningMessage(String.join("\n", result.warnings()));
        }

        Map<String, List<DifferentialExpression.GeneEffect>> genes = new LinkedHashMap<>();
        BufferedDataContainer geneTable = exec.createDataContainer(GeneEffectTable.spec("label"));
        int done = 0;
        for (PerturbationEffects.LabelEffect e : result.effects()) {
            exec.checkCanceled();
            exec.setProgress(READ + TESTS + (1 - READ - TESTS) * done++ / result.effects().size(),
                    "Genes of " + e.label());
            int[] group = IntStream.range(0, labels.length).filter(i -> e.label().equals(labels[i])).toArray();
            List<DifferentialExpression.GeneEffect> g = DifferentialExpression.salientEffect(model, tgPosterior,
                    tg.batchCodes(), group, geneSettings);
            genes.put(e.label(), g);
            GeneEffectTable.add(geneTable, e.label(), group.length, g);
        }
        geneTable.close();

        BufferedDataContainer effects = exec.createDataContainer(effectsSpec());
        for (PerturbationEffects.LabelEffect x : result.effects()) {
            effects.addRowToTable(new DefaultRow(new RowKey(x.label()), new StringCell(x.label()),
                    new IntCell(x.cells()), new DoubleCell(x.salientDistance()), NumericCells.orMissing(x.salientP()),
                    NumericCells.orMissing(x.salientPAdj()), new DoubleCell(x.sharedDistance()),
                    NumericCells.orMissing(x.sharedP()), NumericCells.orMissing(x.sharedPAdj()),
                    new DoubleCell(x.salientCoefficient()),
                    new DoubleCell(x.sharedCoefficient()), BooleanCell.get(x.salientPAdj() < LEVEL),
                    new StringCell(GeneEffectTable.top(genes.get(x.label()), TOP_GENES))));
        }
        effects.close();
        int height = Math.min(PlotSize.MAX, Math.max(400, 120 + 28 * result.effects().size()));
        byte[] png = EffectsPlot.render(result.effects(), LEVEL, new PlotSize(900, height));
        return new PortObject[] {effects.getTable(), geneTable.getTable(), PngPorts.of(png)};
    }

    /** The replicate of each cell; a missing one is named by its row. */
    private String[] strata(ModelCells.Cells c) throws InvalidSettingsException {
        String[] s = c.text().get(1);
        for (int i = 0; i < s.length; i++) {
            if (s[i] == null || s[i].isBlank()) {
                throw new InvalidSettingsException("Row '" + c.ids().get(i) + "' has no value in the replicate column '"
                        + settings.strata() + "'; labels are permuted within replicates, so every background and "
                        + "target cell needs one (filter the row out, or clear 'Replicate column')");
            }
        }
        return s;
    }

    /** Labels with at least {@code minCells} target cells: the tests the engine will run (for the progress bar). */
    private static int testableLabels(String[] labels, int minCells) {
        Map<String, Integer> counts = new HashMap<>();
        for (String l : labels) {
            if (l != null && !l.isEmpty()) {
                counts.merge(l, 1, Integer::sum);
            }
        }
        return (int) Math.max(1, counts.values().stream().filter(n -> n >= minCells).count());
    }

    /** Progress after each label's tests; a cancel request stops the engine between labels. */
    private static IntConsumer progress(ExecutionContext exec, int labels) {
        return done -> {
            try {
                exec.checkCanceled();
            } catch (CanceledExecutionException e) {
                throw new Canceled(e);
            }
            exec.setProgress(READ + TESTS * Math.min(1, done / (double) labels), "Tested " + done + " of " + labels
                    + " labels");
        };
    }

    /** Carries KNIME's cancel through the engine's progress callback, which cannot throw checked exceptions. */
    private static final class Canceled extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient CanceledExecutionException request;

        Canceled(CanceledExecutionException request) {
            super(request);
            this.request = request;
        }
    }

    private static DataTableSpec effectsSpec() {
        List<DataColumnSpec> c = new ArrayList<>();
        c.add(new DataColumnSpecCreator("label", StringCell.TYPE).createSpec());
        c.add(new DataColumnSpecCreator("cells", IntCell.TYPE).createSpec());
        for (String d : new String[] {"salient_distance", "salient_p", "salient_p_adj", "shared_distance",
            "shared_p", "shared_p_adj", "salient_h", "shared_h"}) {
            c.add(new DataColumnSpecCreator(d, DoubleCell.TYPE).createSpec());
        }
        c.add(new DataColumnSpecCreator("significant", BooleanCell.TYPE).createSpec());
        c.add(new DataColumnSpecCreator("top_genes", StringCell.TYPE).createSpec());
        return new DataTableSpec(c.toArray(DataColumnSpec[]::new));
    }
}

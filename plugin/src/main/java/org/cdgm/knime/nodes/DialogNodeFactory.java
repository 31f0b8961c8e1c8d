package org.cdgm.knime.nodes;

import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeView;

/**
 * Base of every cdgm node factory: a dialog, no views (results are tables and ports, viewed with KNIME's own
 * table and plot nodes). The node description is the XML file named after the concrete factory.
 */
public abstract class DialogNodeFactory<T extends NodeModel> extends NodeFactory<T> {

    @Override
    protected final int getNrNodeViews() {
        return 0;
    }

    @Override
    public final NodeView<T> createNodeView(int viewIndex, T model) {
        throw new IndexOutOfBoundsException("cdgm nodes have no views, asked for view " + viewIndex);
    }

    @Override
    protected final boolean hasDialog() {
        return true;
    }
}

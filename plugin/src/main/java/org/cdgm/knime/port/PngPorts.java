package org.cdgm.knime.port;

import org.knime.core.data.image.png.PNGImageContent;
import org.knime.core.node.port.image.ImagePortObject;
import org.knime.core.node.port.image.ImagePortObjectSpec;

/**
 * The pictures of the engine's plot package ({@code org.cdgm.engine.plot}, PNG bytes) as KNIME image ports, which
 * KNIME shows in the port view and which Image To Table, Image Writer (Port) and reports take.
 */
public final class PngPorts {
    private PngPorts() {
    }

    /** The spec of every cdgm image port: a PNG picture. */
    public static ImagePortObjectSpec spec() {
        return new ImagePortObjectSpec(PNGImageContent.TYPE);
    }

    /** A port object holding the given PNG bytes. */
    public static ImagePortObject of(byte[] png) {
        return new ImagePortObject(new PNGImageContent(png), spec());
    }
}

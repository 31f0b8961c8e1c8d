package org.cdgm.engine.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

import org.cdgm.engine.model.Activation;
import org.cdgm.engine.model.HostBuffer;
import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.model.Precision;
import org.cdgm.engine.model.PriorKind;
import org.cdgm.engine.model.TrainedModel;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The versioned binary format of a trained model: a signature, the format version, the architecture, gene names,
 * provenance and parameters, then a CRC32 of everything after the signature. Saving is atomic; loading tells a
 * foreign file, a file from a newer cdgm, a truncated and a corrupt one apart.
 */
public final class ModelFile {
    static final byte[] SIGNATURE = "CDGM-MODEL\n".getBytes(StandardCharsets.US_ASCII);
    /** Version written by this code; readers accept this and older. */
    public static final int FORMAT_VERSION = 1;
    private static final int MAX_STRING_BYTES = 1 << 20;

    private ModelFile() {
    }

    /** Saves atomically: the file is either the complete new model or left as it was. */
    public static void save(TrainedModel model, Path file) throws IOException {
        AtomicFiles.writeBytes(file, raw -> write(model, raw));
    }

    /** Writes the model to a stream (a KNIME port's zip entry, say); the stream is not closed. */
    public static void write(TrainedModel model, OutputStream raw) throws IOException {
        raw.write(SIGNATURE);
        CheckedOutputStream checked = new CheckedOutputStream(raw, new CRC32());
        DataOutputStream out = new DataOutputStream(checked);
        out.writeInt(FORMAT_VERSION);
        ModelConfig c = model.config();
        out.writeInt(c.genes());
        out.writeInt(c.sharedDim());
        out.writeInt(c.salientDim());
        out.writeInt(c.hiddenWidth());
        out.writeInt(c.encoderLayers());
        out.writeInt(c.decoderLayers());
        writeString(out, c.activation().name());
        writeString(out, c.likelihood().name());
        writeString(out, c.prior().name());
        out.writeInt(c.priorComponents());
        writeString(out, c.precision().name());
        out.writeInt(model.genes().size());
        for (String g : model.genes()) {
            writeString(out, g);
        }
        out.writeInt(model.provenance().size());
        for (Map.Entry<String, String> e : model.provenance().entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
        double[] params = HostBuffer.read(model.parameters());
        out.writeInt(params.length);
        for (double p : params) {
            out.writeDouble(p);
        }
        out.flush();
        new DataOutputStream(raw).writeLong(checked.getChecksum().getValue());
    }

    public static TrainedModel load(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            return read(raw, file.toString());
        } catch (NoSuchFileException e) {
            throw new ModelFileException("Model file " + file + " does not exist", e);
        }
    }

    /**
     * Reads one model that fills the rest of the stream; {@code file} names the source in messages. The stream is
     * not closed.
     */
    public static TrainedModel read(InputStream raw, String file) throws IOException {
        try {
            byte[] sig = raw.readNBytes(SIGNATURE.length);
            if (!Arrays.equals(sig, SIGNATURE)) {
                throw new ModelFileException(file + " is not a cdgm model file (it does not start with the cdgm "
                        + "model signature)");
            }
            CheckedInputStream checked = new CheckedInputStream(raw, new CRC32());
            DataInputStream in = new DataInputStream(checked);
            int version = in.readInt();
            if (version > FORMAT_VERSION || version < 1) {
                throw new ModelFileException(file + " was saved in model format " + version + "; this cdgm reads "
                        + "formats 1 to " + FORMAT_VERSION + (version > FORMAT_VERSION ? ": update the cdgm extension"
                        : ": the file is corrupt"));
            }
            ModelConfig config;
            try {
                config = new ModelConfig(in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt(),
                        in.readInt(), Activation.valueOf(readString(in, file)), Likelihood.valueOf(readString(in, file)),
                        PriorKind.valueOf(readString(in, file)), in.readInt(), Precision.valueOf(readString(in, file)));
            } catch (IllegalArgumentException e) {
                throw new ModelFileException(file + " is corrupt: invalid model configuration (" + e.getMessage() + ")",
                        e);
            }
            List<String> genes = new ArrayList<>();
            int nGenes = count(in.readInt(), file, "genes");
            for (int i = 0; i < nGenes; i++) {
                genes.add(readString(in, file));
            }
            Map<String, String> provenance = new LinkedHashMap<>();
            int nProv = count(in.readInt(), file, "provenance entries");
            for (int i = 0; i < nProv; i++) {
                provenance.put(readString(in, file), readString(in, file));
            }
            int nParams = count(in.readInt(), file, "parameters");
            double[] params = new double[nParams];
            for (int i = 0; i < nParams; i++) {
                params[i] = in.readDouble();
            }
            long expected = checked.getChecksum().getValue();
            long stored = new DataInputStream(raw).readLong();
            if (stored != expected) {
                throw new ModelFileException(file + " is corrupt (checksum mismatch): it was changed or damaged after "
                        + "saving");
            }
            if (raw.read() != -1) {
                throw new ModelFileException(file + " is corrupt: unexpected data after the model");
            }
            try {
                return new TrainedModel(config, Nd4j.createFromArray(params).reshape(1, nParams), genes, provenance);
            } catch (IllegalArgumentException e) {
                throw new ModelFileException(file + " is corrupt: " + e.getMessage(), e);
            }
        } catch (EOFException e) {
            throw new ModelFileException(file + " is truncated: it ends before the model does", e);
        }
    }

    private static int count(int n, String file, String what) throws ModelFileException {
        if (n < 0 || n > 500_000_000) {
            throw new ModelFileException(file + " is corrupt: implausible number of " + what + " (" + n + ")");
        }
        return n;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in, String file) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_STRING_BYTES) {
            throw new ModelFileException(file + " is corrupt: implausible text length " + n);
        }
        byte[] b = new byte[n];
        in.readFully(b); // throws EOFException when the file is truncated
        return new String(b, StandardCharsets.UTF_8);
    }
}

package org.cdgm.engine.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

import org.cdgm.engine.data.BatchCovariate;
import org.cdgm.engine.model.Activation;
import org.cdgm.engine.model.network.ContrastiveVae;
import org.cdgm.engine.numeric.HostBuffer;
import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.model.ModelProvenance;
import org.cdgm.engine.model.parameters.ParamRef;
import org.cdgm.engine.model.Precision;
import org.cdgm.engine.model.PriorKind;
import org.cdgm.engine.model.TrainedModel;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The versioned binary format of a trained model (big-endian, as {@link DataOutputStream} writes). Format 2, and
 * format 3 for a model with a batch covariate:
 * <pre>
 * "CDGM-MODEL\n"                      signature, 11 bytes
 * int    format version (2, or 3 with a batch covariate)
 * long   creation time, ms since 1970 UTC (Long.MIN_VALUE = unknown)   -- the one field outside the checksum
 * config 6 ints, activation, likelihood, prior, int components, precision (texts: int length + UTF-8)
 * int n, n texts                      gene names
 * text, int n, n texts                format 3 only: the batch column and its n levels in code order
 * int n, n (name, value) texts        provenance ({@link ModelProvenance#entries(boolean)}, fixed order)
 * int n, n (name, long rows, long cols) parameter layout, checked against the layout the config builds
 * int n, n doubles                    parameters in that layout
 * long   CRC32 of everything after the signature except the creation time
 * </pre>
 * A model without a covariate is written in format 2, byte for byte as before format 3 existed, so older cdgm
 * versions read it. Format 1 (still read) has no creation-time field, a map of texts as provenance and no layout.
 * Two identical fits
 * give byte-identical files except the 8 bytes at {@link #CREATED_OFFSET}. Every count is checked against the bytes
 * left in the file before anything is allocated; saving is atomic and leaves no temporary file behind.
 */
public final class ModelFile {
    static final byte[] SIGNATURE = "CDGM-MODEL\n".getBytes(StandardCharsets.US_ASCII);
    /** The newest version written by this code (for models with a batch covariate); readers accept this and older. */
    public static final int FORMAT_VERSION = 3;
    /** The version written for models without a batch covariate. */
    static final int FORMAT_WITHOUT_COVARIATE = 2;
    /** Byte offset of the 8-byte creation time in a format-2 or -3 file. */
    public static final int CREATED_OFFSET = SIGNATURE.length + 4;
    private static final long UNKNOWN_TIME = Long.MIN_VALUE;
    private static final int MAX_STRING_BYTES = 1 << 20;
    /** Limits for a stream of unknown length (a KNIME port's zip entry), where bytes left cannot bound counts. */
    private static final int MAX_COUNT = 500_000_000;
    private static final int MAX_LAYERS = 10_000;
    private static final int CHUNK = 1 << 16;

    private ModelFile() {
    }

    /**
     * Saves a fitted model in this class's binary format (see the class comment): format 3 when the model has a
     * batch covariate, else format 2, which older cdgm versions read. The file holds the configuration, the gene
     * names (in the model's order, which the counts given to it must follow), the batch levels, the provenance, the
     * parameter layout and every parameter as an 8-byte double, so its size is about 8 bytes per parameter plus the
     * texts. Saving is atomic: the file is either the complete new model or left as it was, its folder is created
     * when missing, and no temporary file stays behind.
     *
     * @param model the fitted model to store; not changed
     * @param file  where to write it; an existing file is replaced
     * @throws ModelFileException when {@code file} is a directory
     * @throws IOException        naming {@code file} when its folder cannot be created or written, or the final
     *                            move fails
     */
    public static void save(TrainedModel model, Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new ModelFileException(file + " is a directory, not a model file");
        }
        AtomicFiles.writeBytes(file, raw -> write(model, raw));
    }

    /** Writes the model in the current format to a stream (a KNIME port's zip entry, say); the stream stays open. */
    public static void write(TrainedModel model, OutputStream raw) throws IOException {
        raw.write(SIGNATURE);
        CheckedOutputStream checked = new CheckedOutputStream(raw, new CRC32());
        DataOutputStream out = new DataOutputStream(checked);
        BatchCovariate batch = model.batch();
        out.writeInt(batch == null ? FORMAT_WITHOUT_COVARIATE : FORMAT_VERSION);
        out.flush();
        Instant created = model.provenance().created();
        new DataOutputStream(raw).writeLong(created == null ? UNKNOWN_TIME : created.toEpochMilli());
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
        if (batch != null) {
            writeString(out, batch.column());
            out.writeInt(batch.size());
            for (String level : batch.levels()) {
                writeString(out, level);
            }
        }
        Map<String, String> provenance = model.provenance().entries(false);
        out.writeInt(provenance.size());
        for (Map.Entry<String, String> e : provenance.entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
        List<ParamRef> layout = model.module().layout().refs();
        out.writeInt(layout.size());
        for (ParamRef r : layout) {
            writeString(out, r.name());
            out.writeLong(r.rows());
            out.writeLong(r.cols());
        }
        double[] params = HostBuffer.read(model.parameters());
        out.writeInt(params.length);
        for (double p : params) {
            out.writeDouble(p);
        }
        out.flush();
        new DataOutputStream(raw).writeLong(checked.getChecksum().getValue());
    }

    /**
     * Loads a model saved by {@link #save} of this or an earlier cdgm (formats 1 to 3, see the class comment). The
     * result embeds cells x genes counts in the gene order of {@link TrainedModel#genes()} and carries the stored
     * provenance (creation time in ms since 1970 UTC, training settings, engine version); its parameters are those
     * saved, bit for bit. Every count in the file is checked against the bytes left before anything is allocated,
     * so a damaged file fails with a message instead of exhausting memory.
     *
     * @param file a file written by {@link #save}
     * @return the model, with its configuration, genes, optional batch covariate, provenance and parameters
     * @throws ModelFileException naming the file when it is missing, a directory, unreadable, foreign, from a newer
     *                            cdgm, truncated, corrupt (checksum, implausible count, invalid configuration) or
     *                            laid out differently from what its configuration builds
     * @throws IOException        when the file system fails while reading
     */
    public static TrainedModel load(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new ModelFileException(file + " is a directory, not a model file");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            return read(raw, file.toString(), Files.size(file));
        } catch (NoSuchFileException e) {
            throw new ModelFileException("Model file " + file + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new ModelFileException(file + " cannot be read: permission denied", e);
        } catch (FileSystemException e) {
            throw new ModelFileException(file + " cannot be read: " + (e.getReason() == null ? e.getClass()
                    .getSimpleName() : e.getReason()), e);
        }
    }

    /**
     * Reads one model that fills the rest of a stream of unknown length; {@code file} names the source in messages.
     * The stream is not closed. Counts are bounded by fixed limits and data is read in chunks, so a corrupt count
     * ends in "truncated" rather than a huge allocation.
     *
     * @throws ModelFileException as {@link #load}
     */
    public static TrainedModel read(InputStream raw, String file) throws IOException {
        return read(raw, file, Long.MAX_VALUE);
    }

    private static TrainedModel read(InputStream raw, String file, long size) throws IOException {
        try {
            byte[] sig = raw.readNBytes(SIGNATURE.length);
            if (!Arrays.equals(sig, SIGNATURE)) {
                throw new ModelFileException(file + " is not a cdgm model file (it does not start with the cdgm "
                        + "model signature)");
            }
            CheckedInputStream checked = new CheckedInputStream(raw, new CRC32());
            Reader in = new Reader(new DataInputStream(checked), file, size - SIGNATURE.length);
            int version = in.readInt();
            if (version > FORMAT_VERSION || version < 1) {
                throw new ModelFileException(file + " was saved in model format " + version + "; this cdgm reads "
                        + "formats 1 to " + FORMAT_VERSION + (version > FORMAT_VERSION ? ": update the cdgm extension"
                        : ": the file is corrupt"));
            }
            Instant created = null;
            if (version >= 2) {
                long millis = new DataInputStream(raw).readLong(); // outside the checksum
                in.consumed(8);
                created = millis == UNKNOWN_TIME ? null : Instant.ofEpochMilli(millis);
            }
            ModelConfig config = readConfig(in);
            int nGenes = in.count("gene names", 4);
            List<String> genes = new ArrayList<>(Math.min(nGenes, CHUNK));
            for (int i = 0; i < nGenes; i++) {
                genes.add(in.readString());
            }
            BatchCovariate batch = null;
            if (version >= 3) {
                String column = in.readString();
                int nLevels = in.count("batch levels", 4);
                List<String> levels = new ArrayList<>(Math.min(nLevels, CHUNK));
                for (int i = 0; i < nLevels; i++) {
                    levels.add(in.readString());
                }
                try {
                    batch = new BatchCovariate(column, levels);
                    config = config.withBatchLevels(batch.size());
                } catch (IllegalArgumentException e) {
                    throw new ModelFileException(file + " is corrupt: invalid batch covariate (" + e.getMessage()
                            + ")", e);
                }
            }
            int nProv = in.count("provenance entries", 8);
            Map<String, String> entries = new LinkedHashMap<>();
            for (int i = 0; i < nProv; i++) {
                entries.put(in.readString(), in.readString());
            }
            ContrastiveVae module;
            try {
                module = new ContrastiveVae(config);
            } catch (IllegalArgumentException e) {
                throw new ModelFileException(file + " is corrupt: invalid model configuration (" + e.getMessage()
                        + ")", e);
            }
            List<ParamRef> expected = module.layout().refs();
            if (version >= 2) {
                checkLayout(in, expected, file);
            }
            int nParams = in.count("parameters", 8);
            long needed = module.layout().totalLength();
            if (nParams != needed) {
                throw new ModelFileException(file + " is corrupt: it holds " + nParams + " parameters, its model "
                        + "configuration needs " + needed);
            }
            double[] params = in.readDoubles(nParams);
            long sum = checked.getChecksum().getValue();
            long stored = new DataInputStream(raw).readLong();
            if (stored != sum) {
                throw new ModelFileException(file + " is corrupt (checksum mismatch): it was changed or damaged after "
                        + "saving");
            }
            if (raw.read() != -1) {
                throw new ModelFileException(file + " is corrupt: unexpected data after the model");
            }
            try {
                ModelProvenance provenance = version == 1 ? ModelProvenance.fromFormat1(entries, genes)
                        : ModelProvenance.fromEntries(created, entries);
                return new TrainedModel(config, Nd4j.createFromArray(params).reshape(1, nParams), genes, batch,
                        provenance);
            } catch (IllegalArgumentException e) {
                throw new ModelFileException(file + " is corrupt: " + e.getMessage(), e);
            }
        } catch (EOFException e) {
            throw new ModelFileException(file + " is truncated: it ends before the model does", e);
        }
    }

    private static ModelConfig readConfig(Reader in) throws IOException {
        int[] sizes = new int[6];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = in.readInt();
        }
        String activation = in.readString();
        String likelihood = in.readString();
        String prior = in.readString();
        int components = in.readInt();
        String precision = in.readString();
        // the network is built from these before the parameters are read: bound what it would allocate
        in.plausible("genes", sizes[0], 4);
        in.plausible("hidden width", sizes[3], 8);
        in.plausible("encoder layers", sizes[4], 16);
        in.plausible("decoder layers", sizes[5], 16);
        if (PriorKind.MIXTURE_OF_GAUSSIANS.name().equals(prior)) {
            in.plausible("prior components", components, 8);
        }
        if (sizes[4] > MAX_LAYERS || sizes[5] > MAX_LAYERS) {
            throw new ModelFileException(in.file + " is corrupt: implausible number of layers (" + sizes[4] + ", "
                    + sizes[5] + ")");
        }
        try {
            return new ModelConfig(sizes[0], sizes[1], sizes[2], sizes[3], sizes[4], sizes[5],
                    Activation.valueOf(activation), Likelihood.valueOf(likelihood), PriorKind.valueOf(prior),
                    components, Precision.valueOf(precision));
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(in.file + " is corrupt: invalid model configuration (" + e.getMessage()
                    + ")", e);
        }
    }

    /** Reads the stored layout and compares it, entry by entry, with the one the configuration builds. */
    private static void checkLayout(Reader in, List<ParamRef> expected, String file) throws IOException {
        int n = in.count("layout entries", 20);
        if (n != expected.size()) {
            throw new ModelFileException(file + " has a parameter layout of " + n + " arrays, this cdgm builds "
                    + expected.size() + " for its configuration: it was saved by a cdgm with another network");
        }
        for (int i = 0; i < n; i++) {
            String name = in.readString();
            long rows = in.readLong();
            long cols = in.readLong();
            ParamRef e = expected.get(i);
            if (!name.equals(e.name()) || rows != e.rows() || cols != e.cols()) {
                throw new ModelFileException(file + " has another parameter layout than this cdgm builds for its "
                        + "configuration: array " + (i + 1) + " is '" + name + "' " + rows + " x " + cols
                        + " in the file, '" + e.name() + "' " + e.rows() + " x " + e.cols() + " here");
            }
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /** Reads primitives while counting the bytes left, so every count can be checked before it is allocated. */
    private static final class Reader {
        final String file;
        private final DataInputStream in;
        private long left;

        Reader(DataInputStream in, String file, long left) {
            this.in = in;
            this.file = file;
            this.left = left;
        }

        void consumed(long bytes) {
            left -= bytes;
        }

        int readInt() throws IOException {
            left -= 4;
            return in.readInt();
        }

        long readLong() throws IOException {
            left -= 8;
            return in.readLong();
        }

        /** A count, each item taking at least {@code bytesEach} bytes in the file. */
        int count(String what, int bytesEach) throws IOException {
            int n = readInt();
            plausible(what, n, bytesEach);
            return n;
        }

        void plausible(String what, int n, int bytesEach) throws ModelFileException {
            boolean known = left < Long.MAX_VALUE / 2; // a stream's length is unknown
            if (n < 0 || n > MAX_COUNT) {
                throw new ModelFileException(file + " is corrupt: implausible number of " + what + " (" + n + ")");
            }
            if (known && (long) n * bytesEach > left) { // a damaged count or a cut-off file: either way, no allocation
                throw new ModelFileException(file + " is truncated or corrupt: implausible number of " + what + " ("
                        + n + "): the " + left + " bytes left in the file cannot hold them");
            }
        }

        String readString() throws IOException {
            int n = readInt();
            if (n < 0 || n > MAX_STRING_BYTES || n > left) {
                throw new ModelFileException(file + " is corrupt: implausible text length " + n
                        + (n > left && n >= 0 ? " (only " + left + " bytes left in the file)" : ""));
            }
            byte[] b = new byte[n];
            in.readFully(b); // throws EOFException when the file is truncated
            left -= n;
            return new String(b, StandardCharsets.UTF_8);
        }

        /** Reads {@code n} doubles, in chunks when the length of the stream is unknown. */
        double[] readDoubles(int n) throws IOException {
            double[] out = new double[Math.min(n, CHUNK)];
            for (int i = 0; i < n; i++) {
                if (i == out.length) {
                    out = Arrays.copyOf(out, (int) Math.min(n, 2L * out.length));
                }
                out[i] = in.readDouble();
            }
            left -= 8L * n;
            return out;
        }
    }
}

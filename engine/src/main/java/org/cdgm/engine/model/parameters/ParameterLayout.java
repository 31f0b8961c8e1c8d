package org.cdgm.engine.model.parameters;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Places every parameter of a model in one flat vector: all {@link ParameterGroup#SHARED} parameters first,
 * then all {@link ParameterGroup#TARGET_ONLY} ones, so that the shared block is one contiguous range. Adam,
 * MGDA dot products and checkpointing then work on a handful of whole-vector operations.
 */
public final class ParameterLayout {

    /** Collects parameter shapes before offsets are assigned. */
    public static final class Builder {
        private final List<String> names = new ArrayList<>();
        private final List<long[]> shapes = new ArrayList<>();
        private final List<ParameterGroup> groups = new ArrayList<>();
        private final List<Initialiser> initialisers = new ArrayList<>();

        /** Declares a parameter that starts at zero; as {@link #add(String, long, long, ParameterGroup, Initialiser)}. */
        public int add(String name, long rows, long cols, ParameterGroup group) {
            return add(name, rows, cols, group, Initialiser.zeros());
        }

        /**
         * Declares a parameter of rows x cols values with its initial values.
         *
         * @param name stored in model files: never rename a parameter that a saved model may hold
         * @return its index, to be resolved with {@link ParameterLayout#ref(int)}
         * @throws IllegalArgumentException when the name is already declared
         */
        public int add(String name, long rows, long cols, ParameterGroup group, Initialiser init) {
            if (names.contains(name)) {
                throw new IllegalArgumentException("Duplicate parameter name: " + name);
            }
            names.add(name);
            shapes.add(new long[] {rows, cols});
            groups.add(group);
            initialisers.add(java.util.Objects.requireNonNull(init, "initialiser"));
            return names.size() - 1;
        }

        public ParameterLayout build() {
            return new ParameterLayout(this);
        }
    }

    private final List<ParamRef> refs;
    private final List<Initialiser> initialisers; // by layout position
    private final Map<String, ParamRef> byName;
    private final long sharedLength;
    private final long totalLength;

    private ParameterLayout(Builder b) {
        ParamRef[] placed = new ParamRef[b.names.size()];
        Initialiser[] inits = new Initialiser[placed.length];
        long offset = 0;
        long shared = 0;
        for (ParameterGroup g : ParameterGroup.values()) {
            for (int i = 0; i < placed.length; i++) {
                if (b.groups.get(i) == g) {
                    long[] s = b.shapes.get(i);
                    placed[i] = new ParamRef(b.names.get(i), offset, s[0], s[1], g);
                    inits[i] = b.initialisers.get(i);
                    offset += s[0] * s[1];
                }
            }
            if (g == ParameterGroup.SHARED) {
                shared = offset;
            }
        }
        this.sharedLength = shared;
        this.totalLength = offset;
        this.refs = List.of(placed);
        this.initialisers = List.of(inits);
        Map<String, ParamRef> m = new LinkedHashMap<>();
        for (ParamRef r : placed) {
            m.put(r.name(), r);
        }
        this.byName = Collections.unmodifiableMap(m);
    }

    public ParamRef ref(int index) {
        return refs.get(index);
    }

    public ParamRef ref(String name) {
        ParamRef r = byName.get(name);
        if (r == null) {
            throw new IllegalArgumentException("No parameter named " + name);
        }
        return r;
    }

    public List<ParamRef> refs() {
        return refs;
    }

    public long sharedLength() {
        return sharedLength;
    }

    public long totalLength() {
        return totalLength;
    }

    /**
     * The initial parameter vector: each parameter's declared {@link Initialiser}, called in declaration order (that
     * of {@link #refs()}, not of the offsets) on one generator seeded with {@code seed}.
     *
     * @return totalLength values, each parameter at its {@link ParamRef#offset()}
     */
    public double[] initialValues(long seed) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        double[] flat = new double[Math.toIntExact(totalLength)];
        for (int i = 0; i < refs.size(); i++) {
            ParamRef r = refs.get(i);
            double[] values = new double[Math.toIntExact(r.length())];
            initialisers.get(i).fill(values, r.rows(), rng);
            System.arraycopy(values, 0, flat, (int) r.offset(), values.length);
        }
        return flat;
    }

    /** A new zero vector of this layout (1 x totalLength). */
    public INDArray zeros(DataType dtype) {
        return Nd4j.zeros(dtype, 1, totalLength);
    }

    /** View of the shared block of a flat vector of this layout. */
    public INDArray sharedPart(INDArray flat) {
        return flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, sharedLength));
    }

    /** View of the target-only block of a flat vector of this layout (empty if there is none). */
    public INDArray targetOnlyPart(INDArray flat) {
        return flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(sharedLength, totalLength));
    }
}

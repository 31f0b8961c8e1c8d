package org.cdgm.engine.data;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The ids {@code prefix + 1 .. prefix + n} of cells that have no names of their own, made when asked for instead of
 * held: 2.5 million cells held as strings took about 170 MB of an out-of-core fit's 434 MB of live heap. Immutable.
 */
final class NumberedCellIds extends AbstractList<String> implements RandomAccess {
    private final String prefix;
    private final int size;

    NumberedCellIds(String prefix, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, got " + size);
        }
        this.prefix = prefix;
        this.size = size;
    }

    @Override
    public String get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("cell " + index + " of " + size);
        }
        return prefix + (index + 1);
    }

    @Override
    public int size() {
        return size;
    }
}

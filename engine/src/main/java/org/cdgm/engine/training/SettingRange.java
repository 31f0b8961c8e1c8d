package org.cdgm.engine.training;

import java.math.BigDecimal;

/**
 * The values a numeric setting accepts, published by the record that validates it so that a host (the KNIME
 * dialogs) bounds its fields by the same numbers instead of repeating them. Each end is included or excluded; an
 * unbounded top end is {@code +Infinity}, and a top end of {@link Double#MAX_VALUE} (included) means "any finite
 * number".
 *
 * @param name        the setting as messages name it, e.g. {@code learning rate}
 * @param min         lowest end
 * @param minIncluded whether {@code min} itself is accepted
 * @param max         highest end, {@code +Infinity} for none
 * @param maxIncluded whether {@code max} itself is accepted
 */
public record SettingRange(String name, double min, boolean minIncluded, double max, boolean maxIncluded) {

    public SettingRange {
        if (!(min <= max)) {
            throw new IllegalArgumentException("Range of '" + name + "' is empty: " + min + " to " + max);
        }
    }

    /** {@code [min, +Infinity)}: a whole-number setting with a floor, e.g. epochs. */
    public static SettingRange atLeast(String name, double min) {
        return new SettingRange(name, min, true, Double.POSITIVE_INFINITY, false);
    }

    /** {@code [min, Double.MAX_VALUE]}: any finite number from {@code min} on, e.g. a penalty weight. */
    public static SettingRange finiteFrom(String name, double min) {
        return new SettingRange(name, min, true, Double.MAX_VALUE, true);
    }

    /** Whether {@code v} is accepted (never NaN). */
    public boolean contains(double v) {
        return (minIncluded ? v >= min : v > min) && (maxIncluded ? v <= max : v < max);
    }

    /**
     * @return {@code v}
     * @throws IllegalArgumentException naming the setting and the range when {@code v} is outside it
     */
    public double require(double v) {
        if (!contains(v)) {
            throw new IllegalArgumentException("Setting '" + name + "' must be " + describe() + ", got " + v);
        }
        return v;
    }

    /** As {@link #require(double)} for a whole-number setting; the message shows {@code v} without decimals. */
    public int require(int v) {
        if (!contains(v)) {
            throw new IllegalArgumentException("Setting '" + name + "' must be " + describe() + ", got " + v);
        }
        return v;
    }

    /** The lowest accepted double: {@code min}, or the next double above it when {@code min} is excluded. */
    public double lowestIncluded() {
        return minIncluded ? min : Math.nextUp(min);
    }

    /** The highest accepted double: {@code max}, or the next double below it when {@code max} is excluded. */
    public double highestIncluded() {
        return maxIncluded ? max : Math.nextDown(max);
    }

    /** The lowest accepted int (for whole-number settings). */
    public int lowestInt() {
        return (int) Math.max(Integer.MIN_VALUE, Math.ceil(lowestIncluded()));
    }

    /** The highest accepted int, {@link Integer#MAX_VALUE} when the range has no top (for whole-number settings). */
    public int highestInt() {
        return (int) Math.min(Integer.MAX_VALUE, Math.floor(highestIncluded()));
    }

    /** The range in words, as messages give it: "at least 1", "a finite number >= 0", "in [0, 0.9)". */
    public String describe() {
        if (max == Double.POSITIVE_INFINITY) {
            return (minIncluded ? "at least " : "greater than ") + plain(min);
        }
        if (max == Double.MAX_VALUE && maxIncluded) {
            return "a finite number " + (minIncluded ? ">= " : "> ") + plain(min);
        }
        return "in " + (minIncluded ? "[" : "(") + plain(min) + ", " + plain(max) + (maxIncluded ? "]" : ")");
    }

    private static String plain(double v) {
        return Double.isFinite(v) ? BigDecimal.valueOf(v).stripTrailingZeros().toPlainString() : Double.toString(v);
    }
}

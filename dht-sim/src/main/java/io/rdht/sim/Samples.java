package io.rdht.sim;

import java.util.Arrays;

/** Measurements of one kind (hops, milliseconds), for percentiles. */
final class Samples {

    private long[] values = new long[64];
    private int size;

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    /** How many were added. */
    int size() {
        return size;
    }

    /** The {@code p}-th percentile (nearest rank), or 0 when empty. */
    long percentile(double p) {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }
}

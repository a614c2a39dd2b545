package io.rdht.sim;

import java.util.Arrays;

/**
 * Measurements with the time each was taken (e.g. a get's completion time, stamped with when the
 * get began), so that percentiles can be taken over the whole run or over any window of it: per
 * minute for a plot, before and after a crash for a table.
 */
final class TimedSamples {

    private long[] times = new long[64];
    private long[] values = new long[64];
    private int size;

    /** Records {@code value}, measured for something that began at {@code timeMillis}. */
    void add(long timeMillis, long value) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        times[size] = timeMillis;
        values[size++] = value;
    }

    /** The percentiles of everything recorded. */
    Percentiles all() {
        return between(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** The percentiles of what began in [{@code fromMillis}, {@code toMillis}). */
    Percentiles between(long fromMillis, long toMillis) {
        Samples window = new Samples();
        for (int i = 0; i < size; i++) {
            if (times[i] >= fromMillis && times[i] < toMillis) {
                window.add(values[i]);
            }
        }
        return Percentiles.of(window);
    }

    /** The mean of what was recorded in [{@code fromMillis}, {@code toMillis}), or NaN when nothing was. */
    double meanBetween(long fromMillis, long toMillis) {
        double sum = 0;
        long n = 0;
        for (int i = 0; i < size; i++) {
            if (times[i] >= fromMillis && times[i] < toMillis) {
                sum += values[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The smallest value recorded in [{@code fromMillis}, {@code toMillis}), or 0 when none. */
    long minimumBetween(long fromMillis, long toMillis) {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            if (times[i] >= fromMillis && times[i] < toMillis) {
                min = Math.min(min, values[i]);
            }
        }
        return min == Long.MAX_VALUE ? 0 : min;
    }

    /** The time of the last record, or {@code Long.MIN_VALUE} when none. */
    long lastTime() {
        long last = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            last = Math.max(last, times[i]);
        }
        return last;
    }
}

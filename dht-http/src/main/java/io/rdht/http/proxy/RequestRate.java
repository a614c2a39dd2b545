package io.rdht.http.proxy;

import java.util.function.LongSupplier;

/**
 * Requests per second over the last {@value #WINDOW_SECONDS} seconds (or since the start, when
 * that is shorter): the {@code requestRate} of the stats request. OpenDHT's proxy averages over
 * the two minutes before its last stats refresh; this one is current.
 */
final class RequestRate {

    /** The seconds averaged over. */
    static final int WINDOW_SECONDS = 60;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final LongSupplier nanoTime;
    private final long start;
    private final long[] counts = new long[WINDOW_SECONDS];
    private final long[] seconds = new long[WINDOW_SECONDS];

    RequestRate(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
    }

    /** Counts one request now. */
    synchronized void count() {
        long second = second();
        int slot = (int) (second % WINDOW_SECONDS);
        if (seconds[slot] != second) {
            seconds[slot] = second;
            counts[slot] = 0;
        }
        counts[slot]++;
    }

    /** Requests per second over the window. */
    synchronized double perSecond() {
        long now = second();
        long total = 0;
        for (int i = 0; i < WINDOW_SECONDS; i++) {
            if (now - seconds[i] < WINDOW_SECONDS) {
                total += counts[i];
            }
        }
        long span = Math.min(WINDOW_SECONDS, now + 1);
        return (double) total / span;
    }

    private long second() {
        return (nanoTime.getAsLong() - start) / NANOS_PER_SECOND;
    }
}

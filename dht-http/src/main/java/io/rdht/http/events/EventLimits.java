package io.rdht.http.events;

import java.time.Duration;

/**
 * The bounds of the events streams of one HTTP server, every one stated in docs/HTTP.md.
 *
 * @param streamsPerClient most streams open at once from one client address (429 beyond)
 * @param streams          most streams open at once in all (429 beyond)
 * @param keys             most keys followed at once, lingering ones included (503 beyond)
 * @param journalEvents    most events a key's journal keeps for resuming streams
 * @param journalBytes     most bytes of events a key's journal keeps
 * @param backlogBytes     most bytes of events one stream may have waiting for its client before
 *                         it ends with an {@code end} event
 * @param keepAlive        time between two keep-alive comments on a stream
 * @param linger           how long a key's journal is kept after its last stream closed
 * @param endGrace         how long a stream that ended for its backlog waits for the client to
 *                         take the {@code end} event before its connection is closed
 */
public record EventLimits(
        int streamsPerClient,
        int streams,
        int keys,
        int journalEvents,
        long journalBytes,
        long backlogBytes,
        Duration keepAlive,
        Duration linger,
        Duration endGrace) {

    /** The defaults: 64 streams per address, 4,096 in all, 64 keys, 4,096 events or 4 MiB per journal,
     * 256 KiB of backlog per stream, a keep-alive every 15 s, 10 min linger, 5 s grace. */
    public static final EventLimits DEFAULT = new EventLimits(
            64,
            4096,
            64,
            4096,
            4L << 20,
            256L << 10,
            Duration.ofSeconds(15),
            Duration.ofMinutes(10),
            Duration.ofSeconds(5));

    /** Checks every bound is positive. */
    public EventLimits {
        if (streamsPerClient < 1
                || streams < 1
                || keys < 1
                || journalEvents < 1
                || journalBytes < 1
                || backlogBytes < 1) {
            throw new IllegalArgumentException("event limits must be positive");
        }
        for (Duration d : new Duration[] {keepAlive, linger, endGrace}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("event durations must be longer than 0");
            }
        }
    }

    /** These limits with {@code perClient} streams per client address and {@code total} in all. */
    public EventLimits withStreams(int perClient, int total) {
        return new EventLimits(
                perClient, total, keys, journalEvents, journalBytes, backlogBytes, keepAlive, linger, endGrace);
    }

    /** These limits with another backlog per stream and keep-alive interval. */
    public EventLimits withBacklog(long bytes, Duration keepAliveEvery) {
        return new EventLimits(
                streamsPerClient, streams, keys, journalEvents, journalBytes, bytes, keepAliveEvery, linger, endGrace);
    }

    /** These limits with another journal size in events. */
    public EventLimits withJournalEvents(int events) {
        return new EventLimits(
                streamsPerClient, streams, keys, events, journalBytes, backlogBytes, keepAlive, linger, endGrace);
    }
}

package io.rdht.sim;

import java.time.Duration;

/**
 * What one network size measured.
 *
 * @param nodes            network size
 * @param wallTime         real time the run took
 * @param heapPerNodeKiB   heap in use per node once the network had settled
 * @param joins            nodes that joined while measuring (replacing those that left)
 * @param lookups          lookups judged
 * @param lookupSuccess    share of lookups that found the live node closest to their target
 * @param hopsP50          median hops of successful lookups
 * @param hopsP99          99th percentile hops
 * @param latencyP50Millis median virtual time of successful lookups
 * @param latencyP99Millis 99th percentile
 * @param valuePuts        share of the probed values' puts that succeeded
 * @param valuesFound      share of gets before a value's TTL that found it
 * @param valuesGone       share of gets after a value's TTL that no longer found it
 * @param listenDelivered  share of expected listen events delivered
 * @param listenEvents     listen events expected
 * @param listenP50Millis  median delay from the start of a put to a listener's event
 * @param listenP99Millis  99th percentile of it
 * @param datagramsPerNodeSecond datagrams sent per node per second, on average
 * @param bytesPerNodeSecond     bytes sent per node per second, on average
 * @param completion       how long gets, puts and listen refreshes took
 * @param series           the ratios over time; null when read back from a {@code results.csv}
 */
record SizeResult(
        int nodes,
        Duration wallTime,
        long heapPerNodeKiB,
        long joins,
        long lookups,
        double lookupSuccess,
        long hopsP50,
        long hopsP99,
        long latencyP50Millis,
        long latencyP99Millis,
        double valuePuts,
        double valuesFound,
        double valuesGone,
        double listenDelivered,
        long listenEvents,
        long listenP50Millis,
        long listenP99Millis,
        double datagramsPerNodeSecond,
        double bytesPerNodeSecond,
        Completion completion,
        Series series) {

    /**
     * Percentages per minute of measuring, and the operations' durations with when each began.
     *
     * @param lookupSuccess   lookups that succeeded
     * @param valuesFound     gets that found a value (before its TTL they should, after it not)
     * @param listenDelivered listen events delivered
     * @param times           every operation's duration, for the crash table and the completion plot
     */
    record Series(TimeSeries lookupSuccess, TimeSeries valuesFound, TimeSeries listenDelivered, OperationTimes times) {}
}

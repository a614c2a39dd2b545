package io.rdht.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A node's counters of traffic and refusals at one moment, by name, in a stable order: datagrams
 * and bytes in and out ({@code datagrams.in}, {@code bytes.out}, ...), requests sent, served,
 * retransmitted and timed out, datagrams dropped and why ({@code dropped.malformed},
 * {@code dropped.rate_limited}, ...), values and listens refused, signed values discarded by
 * readers, the reassembly of fragmented messages, and the checks of silent keys by this node's
 * listens ({@code listen.silent_checks}, {@code listen.silent_values}: values only such a check
 * delivered, {@code listen.widened}: extra storers registered). Each counter only grows, except the two
 * {@code reassembly.*_held} gauges.
 *
 * @param byName every counter by its name
 */
public record NodeCounters(Map<String, Long> byName) {

    /** Copies the counters, keeping their order. */
    public NodeCounters {
        byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /**
     * The counter called {@code name}.
     *
     * @param name a counter's name, e.g. {@code datagrams.in}
     * @return its value
     * @throws IllegalArgumentException when no counter has that name
     */
    public long get(String name) {
        Long value = byName.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no counter named " + name + "; the counters are " + byName.keySet());
        }
        return value;
    }

    /**
     * Datagrams dropped unanswered: malformed, oversized, of another network, answering no request
     * of ours, our own, or requests over a rate limit.
     *
     * @return the sum of the drop counters
     */
    public long dropped() {
        return byName.entrySet().stream()
                .filter(e -> e.getKey().startsWith("dropped."))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }
}

package io.rdht.bench;

import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/** Failed operations of one phase, counted by kind (the exception's class); any thread may add. */
final class Failures {

    private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();

    /** Counts one failure. */
    void add(Throwable error) {
        String kind = error.getClass().getSimpleName();
        byKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    /** Number of failures. */
    long total() {
        return byKind.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** The failures by kind, most frequent first, e.g. {@code 3 TimeoutException, 1 NoReachableNodes}. */
    String summary() {
        return byKind.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue().sum()))
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
    }
}

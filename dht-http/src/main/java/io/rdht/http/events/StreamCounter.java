package io.rdht.http.events;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/** Open streams per client address and in all, against their limits. */
final class StreamCounter {

    private final int perClient;
    private final int total;
    private final Map<InetAddress, Integer> open = new HashMap<>();
    private int all;

    StreamCounter(int perClient, int total) {
        this.perClient = perClient;
        this.total = total;
    }

    /** Counts a stream of {@code client}, or says why not: null when counted, else the limit passed. */
    synchronized String tryOpen(InetAddress client) {
        int mine = open.getOrDefault(client, 0);
        if (mine >= perClient) {
            return "at most " + perClient + " event streams per client address";
        }
        if (all >= total) {
            return "at most " + total + " event streams on this server";
        }
        open.put(client, mine + 1);
        all++;
        return null;
    }

    /** A stream of {@code client} closed. */
    synchronized void close(InetAddress client) {
        open.computeIfPresent(client, (a, n) -> n <= 1 ? null : n - 1);
        all--;
    }
}

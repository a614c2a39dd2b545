package io.rdht.core.routing;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Peers outside the routing table that left requests unanswered: contacts dropped after failing,
 * and nodes other peers named that never answered us. Lookups skip the ones that failed often
 * enough, whoever names them, until they show they are alive (any message from them) or the
 * memory of the failure fades; when the routing table has nobody left, they are the last resort.
 *
 * <p>Bounded: at most {@code capacity} peers, the oldest forgotten first.
 */
final class FailedPeers {

    private final int capacity;
    private final long memoryMillis;
    private final Map<InfoHash, Entry> peers = new LinkedHashMap<>();

    /**
     * @param capacity     peers remembered at most
     * @param memoryMillis how long a failure counts against a peer
     */
    FailedPeers(int capacity, long memoryMillis) {
        this.capacity = capacity;
        this.memoryMillis = memoryMillis;
    }

    /** Notes that {@code node} failed {@code failures} requests in a row so far, the last one now. */
    void remember(NodeInfo node, int failures, long nowMillis) {
        peers.remove(node.id());
        peers.put(node.id(), new Entry(node, failures, nowMillis));
        if (peers.size() > capacity) {
            Iterator<InfoHash> eldest = peers.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    /** Notes one more unanswered request of {@code node}; returns its failures in a row. */
    int failed(NodeInfo node, long nowMillis) {
        int failures = failures(node.id(), nowMillis) + 1;
        remember(node, failures, nowMillis);
        return failures;
    }

    /** Forgets {@code id}'s failures: it was heard from. */
    void forget(InfoHash id) {
        peers.remove(id);
    }

    /** Requests in a row {@code id} left unanswered, 0 if none or if the last was too long ago. */
    int failures(InfoHash id, long nowMillis) {
        Entry e = peers.get(id);
        return e == null || nowMillis - e.lastFailureMillis >= memoryMillis ? 0 : e.failures;
    }

    /** Up to {@code count} remembered peers, closest to {@code target} first. */
    List<NodeInfo> closest(InfoHash target, int count) {
        List<NodeInfo> all = new ArrayList<>(peers.size());
        peers.values().forEach(e -> all.add(e.node));
        all.sort(Comparator.comparing(NodeInfo::id, target::compareDistance));
        return all.subList(0, Math.min(count, all.size()));
    }

    /** Number of peers remembered. */
    int size() {
        return peers.size();
    }

    private record Entry(NodeInfo node, int failures, long lastFailureMillis) {}
}

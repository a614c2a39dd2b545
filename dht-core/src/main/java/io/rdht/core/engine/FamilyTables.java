package io.rdht.core.engine;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.RoutingSnapshot;
import io.rdht.core.routing.AddressFamily;
import io.rdht.core.routing.RoutingSettings;
import io.rdht.core.routing.RoutingTable;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * One routing table per address family the node serves (OpenDHT's {@code buckets4} and
 * {@code buckets6}): a peer reachable over both families is a contact in each, at the address of
 * that family. What concerns one contact goes to the table of its address's family; what concerns
 * the whole node (its size, upkeep, what to save) spans every table. A node that serves one family
 * has one table and behaves as before.
 */
final class FamilyTables {

    private final Map<AddressFamily, RoutingTable> tables = new EnumMap<>(AddressFamily.class);

    /** Empty tables for node {@code self}, one for each of {@code families} (at least one). */
    FamilyTables(InfoHash self, Set<AddressFamily> families, RoutingSettings settings, long nowMillis) {
        if (families.isEmpty()) {
            throw new IllegalArgumentException("a node serves at least one address family");
        }
        for (AddressFamily f : families) {
            tables.put(f, new RoutingTable(self, settings, nowMillis));
        }
    }

    /** The families served, in order (IPv4 first). */
    Set<AddressFamily> families() {
        return Collections.unmodifiableSet(tables.keySet());
    }

    /** Whether this node can reach {@code address}: it serves the address's family. */
    boolean reaches(InetSocketAddress address) {
        return tables.containsKey(AddressFamily.of(address));
    }

    /** Whether the node serves both families. */
    boolean dualStack() {
        return tables.size() > 1;
    }

    /** The table of {@code family}, or null if the node does not serve it. */
    RoutingTable table(AddressFamily family) {
        return tables.get(family);
    }

    /**
     * The {@code count} contacts closest to {@code target} in each family's table, all families
     * together (a node in both tables is there twice).
     */
    List<NodeInfo> closest(InfoHash target, int count) {
        List<NodeInfo> all = new ArrayList<>();
        tables.values().forEach(t -> all.addAll(t.closest(target, count)));
        return all;
    }

    private RoutingTable tableOf(NodeInfo node) {
        return tables.get(AddressFamily.of(node.address()));
    }

    /** As {@link RoutingTable#onRequest}, in the node's family; null for a family not served. */
    NodeInfo onRequest(NodeInfo node, long nowMillis) {
        RoutingTable t = tableOf(node);
        return t == null ? null : t.onRequest(node, nowMillis);
    }

    /** As {@link RoutingTable#onReply}, in the node's family. */
    NodeInfo onReply(NodeInfo node, double rttMillis, long nowMillis) {
        RoutingTable t = tableOf(node);
        return t == null ? null : t.onReply(node, rttMillis, nowMillis);
    }

    /** As {@link RoutingTable#onTimeout}, in the node's family. */
    void onTimeout(NodeInfo node, long sentAtMillis, long nowMillis) {
        RoutingTable t = tableOf(node);
        if (t != null) {
            t.onTimeout(node, sentAtMillis, nowMillis);
        }
    }

    /** As {@link RoutingTable#onLeft}, in the node's family. */
    void onLeft(NodeInfo node, long nowMillis) {
        RoutingTable t = tableOf(node);
        if (t != null) {
            t.onLeft(node, nowMillis);
        }
    }

    /** Whether {@code node} is a contact of its family's table. */
    boolean contains(NodeInfo node) {
        RoutingTable t = tableOf(node);
        return t != null && t.contains(node.id());
    }

    /** How long to wait for {@code node}'s answer, by its family's estimates. */
    long timeoutMillis(NodeInfo node) {
        RoutingTable t = tableOf(node);
        return t == null ? anyTable().networkTimeoutMillis() : t.timeoutMillis(node.id());
    }

    /** How long to wait for an unknown node at {@code address}, by its family's network-wide estimate. */
    long networkTimeoutMillis(InetSocketAddress address) {
        RoutingTable t = tables.get(AddressFamily.of(address));
        return (t == null ? anyTable() : t).networkTimeoutMillis();
    }

    /** Whether any round trip was measured in any family. */
    boolean hasRoundTrips() {
        return tables.values().stream().anyMatch(RoutingTable::hasRoundTrips);
    }

    /** Up to {@code count} contacts of {@code family} closest to {@code target}; none for a family not served. */
    List<NodeInfo> closestFor(AddressFamily family, InfoHash target, int count) {
        RoutingTable t = tables.get(family);
        return t == null ? new ArrayList<>() : t.closest(target, count);
    }

    /** Contacts in all tables. */
    int size() {
        int n = 0;
        for (RoutingTable t : tables.values()) {
            n += t.size();
        }
        return n;
    }

    /** Random targets to refresh, from every table. */
    List<InfoHash> bucketsToRefresh(long nowMillis, RandomGenerator random) {
        List<InfoHash> out = new ArrayList<>();
        tables.values().forEach(t -> out.addAll(t.bucketsToRefresh(nowMillis, random)));
        return out;
    }

    /** Random far targets after a join, from the table with the most contacts (they span both). */
    List<InfoHash> joinRefreshTargets(RandomGenerator random) {
        RoutingTable fullest = anyTable();
        for (RoutingTable t : tables.values()) {
            if (t.size() > fullest.size()) {
                fullest = t;
            }
        }
        return fullest.joinRefreshTargets(random);
    }

    /** Stale contacts of every table. */
    List<NodeInfo> staleContacts(long nowMillis) {
        List<NodeInfo> out = new ArrayList<>();
        tables.values().forEach(t -> out.addAll(t.staleContacts(nowMillis)));
        return out;
    }

    /** Known peers of every table (a dual-stack peer once per family). */
    List<NodeInfo> knownPeers() {
        List<NodeInfo> out = new ArrayList<>();
        tables.values().forEach(t -> out.addAll(t.knownPeers()));
        return out;
    }

    /**
     * A copy of every table, for display and saving: the IPv4 table's buckets, then the IPv6
     * table's (each bucket's contacts are of one family).
     */
    RoutingSnapshot snapshot(long nowMillis) {
        InfoHash self = null;
        List<RoutingSnapshot.BucketView> buckets = new ArrayList<>();
        int failed = 0;
        for (RoutingTable t : tables.values()) {
            RoutingSnapshot s = t.snapshot(nowMillis);
            self = s.self();
            buckets.addAll(s.buckets());
            failed += s.failed();
        }
        return new RoutingSnapshot(self, buckets, failed);
    }

    private RoutingTable anyTable() {
        return tables.values().iterator().next();
    }
}

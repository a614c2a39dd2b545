package io.rdht.core.engine;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.lookup.DisjointLookup;
import io.rdht.core.lookup.Lookup;
import io.rdht.core.routing.AddressFamily;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One lookup of a target in each address family the node serves, run as one: OpenDHT searches
 * each family apart and a dual-stack node's operations act in both. Each family's {@link Lookup}
 * asks only nodes of its family; contacts of the other family named in an answer go to that
 * family's lookup, so a node whose IPv6 table is still empty finds IPv6 nodes through IPv4 ones.
 * Contacts of a family the node does not serve are dropped. It is done when every family's
 * lookup is. With one family it is that family's lookup. Each family's lookup may run over
 * disjoint paths ({@link DisjointLookup}); contacts named across families go to the same path.
 */
final class FamilyLookup {

    private final InfoHash target;
    private final Map<AddressFamily, DisjointLookup> lookups;
    private Runnable onFinished = () -> {};

    /** Runs {@code lookups}, one per family served, all of {@code target}, each over one path. */
    FamilyLookup(InfoHash target, Map<AddressFamily, Lookup> lookups) {
        this.target = target;
        this.lookups = new EnumMap<>(AddressFamily.class);
        lookups.forEach((f, l) -> this.lookups.put(f, DisjointLookup.of(l)));
    }

    private FamilyLookup(Map<AddressFamily, DisjointLookup> lookups, InfoHash target) {
        this.target = target;
        this.lookups = new EnumMap<>(lookups);
    }

    /** Runs {@code lookups}, one per family served, all of {@code target}, each over its paths. */
    static FamilyLookup overPaths(InfoHash target, Map<AddressFamily, DisjointLookup> lookups) {
        return new FamilyLookup(lookups, target);
    }

    /** Runs {@code action} when the lookup ends ({@link #finished}), once, after the actions asked before. */
    void whenFinished(Runnable action) {
        Runnable before = onFinished;
        this.onFinished = () -> {
            before.run();
            action.run();
        };
    }

    /** The node saw the lookup end: runs what {@link #whenFinished} asked, once. */
    void finished() {
        Runnable r = onFinished;
        onFinished = () -> {};
        r.run();
    }

    /** The id looked up. */
    InfoHash target() {
        return target;
    }

    /** The nodes to ask now, from every family's lookup. */
    List<NodeInfo> nextToAsk() {
        List<NodeInfo> ask = new ArrayList<>();
        lookups.values().forEach(l -> ask.addAll(l.nextToAsk()));
        return ask;
    }

    /** {@code from} answered naming {@code closer}: each contact goes to its own family's lookup. */
    void onAnswer(NodeInfo from, List<NodeInfo> closer) {
        AddressFamily own = AddressFamily.of(from.address());
        Map<AddressFamily, List<NodeInfo>> byFamily = new EnumMap<>(AddressFamily.class);
        for (NodeInfo n : closer) {
            AddressFamily f = AddressFamily.of(n.address());
            if (lookups.containsKey(f)) {
                byFamily.computeIfAbsent(f, x -> new ArrayList<>()).add(n);
            }
        }
        DisjointLookup lookup = lookups.get(own);
        int path = lookup != null ? lookup.pathOf(from.id()) : 0;
        if (lookup != null) {
            lookup.onAnswer(from.id(), byFamily.getOrDefault(own, List.of()));
        }
        byFamily.forEach((f, nodes) -> {
            if (f != own) {
                lookups.get(f).onNamed(path, nodes);
            }
        });
    }

    /**
     * Nodes heard of other than in an answer to this lookup: each goes to its own family's lookup,
     * on its first path.
     */
    void onNamed(List<NodeInfo> nodes) {
        named(nodes, false);
    }

    /**
     * Nodes heard of other than in an answer to this lookup, to start its paths from besides their
     * seeds: each goes to its own family's lookup, dealt out among its paths in turn.
     */
    void onNamedAcrossPaths(List<NodeInfo> nodes) {
        named(nodes, true);
    }

    private void named(List<NodeInfo> nodes, boolean acrossPaths) {
        int next = 0;
        for (NodeInfo n : nodes) {
            DisjointLookup l = lookups.get(AddressFamily.of(n.address()));
            if (l != null) {
                l.onNamed(acrossPaths ? next++ % l.pathCount() : 0, List.of(n));
            }
        }
    }

    /** {@code from}'s request is being re-sent. */
    void onSlow(NodeInfo from) {
        DisjointLookup l = lookups.get(AddressFamily.of(from.address()));
        if (l != null) {
            l.onSlow(from.id());
        }
    }

    /** {@code from} did not answer. */
    void onFailure(NodeInfo from) {
        DisjointLookup l = lookups.get(AddressFamily.of(from.address()));
        if (l != null) {
            l.onFailure(from.id());
        }
    }

    /** Whether every family's lookup is done. */
    boolean isDone() {
        for (DisjointLookup l : lookups.values()) {
            if (!l.isDone()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether every family's lookup is done or has the answers of the K closest nodes that did
     * not time out ({@link DisjointLookup#liveClosestAnswered}).
     */
    boolean liveClosestAnswered() {
        for (DisjointLookup l : lookups.values()) {
            if (!l.liveClosestAnswered() && !l.isDone()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Up to {@code count} answered nodes of each family, closest to the target first, a node that
     * answered in both families once (at its IPv4 address): with one family, that lookup's result.
     */
    List<NodeInfo> closestAnswered(int count) {
        if (lookups.size() == 1) {
            return lookups.values().iterator().next().closestAnswered(count);
        }
        List<NodeInfo> out = new ArrayList<>();
        Set<InfoHash> seen = new HashSet<>();
        for (DisjointLookup l : lookups.values()) {
            for (NodeInfo n : l.closestAnswered(count)) {
                if (seen.add(n.id())) {
                    out.add(n);
                }
            }
        }
        out.sort((a, b) -> target.compareDistance(a.id(), b.id()));
        return out;
    }

    /** The most hops any family's lookup took to its closest node. */
    int hopsToClosest() {
        int hops = 0;
        for (DisjointLookup l : lookups.values()) {
            hops = Math.max(hops, l.hopsToClosest());
        }
        return hops;
    }

    /** Nodes that answered, in all families. */
    int answeredCount() {
        int n = 0;
        for (DisjointLookup l : lookups.values()) {
            n += l.answeredCount();
        }
        return n;
    }
}

package io.rdht.core.lookup;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.routing.PeerStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * A lookup over {@link LookupSettings#paths} disjoint paths, S/Kademlia's defence against routing
 * poisoning: the initial contacts are dealt out among the paths, closest first in turn, and each
 * path is a {@link Lookup} of its own with its own K, ALPHA and candidates; a node asked by one
 * path is never asked by another (the paths share one set of claimed nodes), so the paths meet no
 * node in common. It is done when every path is; its result is the union: the K closest nodes
 * that answered on any path. With one path it is exactly a {@link Lookup}.
 *
 * <p>Threat-model note: a liar that answers with made-up or colluding contacts can only lead the
 * paths that asked it astray; a path that started from honest contacts and met no liar still
 * reaches the honest nodes closest to the target, and since every node that answered on any path
 * counts, a get finds their values. Against an attacker who controls a share f of the nodes, all
 * d paths are poisoned with probability about that of one path to the power d (S/Kademlia). The
 * cost is about d plain lookups in datagrams (docs/TUNING.md).
 */
public final class DisjointLookup {

    private final InfoHash target;
    private final List<Lookup> paths = new ArrayList<>();
    /** Which path asked each node: every node at most one, the claimed set that keeps paths apart. */
    private final Map<InfoHash, Lookup> askedBy = new HashMap<>();

    /**
     * Starts a lookup of {@code target} over {@code settings.paths()} paths from {@code seeds}
     * (dealt out among them, closest first); nodes named in replies are judged by {@code history},
     * and only those {@code admissible} accepts are candidates (see {@link Lookup}).
     */
    public DisjointLookup(
            InfoHash target,
            LookupSettings settings,
            List<NodeInfo> seeds,
            Function<InfoHash, PeerStatus> history,
            Predicate<NodeInfo> admissible) {
        this(target, settings, seeds, history, admissible, 0);
    }

    /**
     * Starts a lookup as above that judges its result's spread against {@code ownSpread}, the
     * distance of this node's K-th closest contact from it (see {@link Lookup}'s sparse result; 0
     * turns the check off). With several paths the result judged is the union's K closest: a path
     * asks on past a sparse result only while the other paths found nothing denser either.
     */
    public DisjointLookup(
            InfoHash target,
            LookupSettings settings,
            List<NodeInfo> seeds,
            Function<InfoHash, PeerStatus> history,
            Predicate<NodeInfo> admissible,
            double ownSpread) {
        this.target = target;
        int d = settings.paths();
        List<NodeInfo> sorted = new ArrayList<>(seeds);
        sorted.sort((a, b) -> target.compareDistance(a.id(), b.id()));
        for (int p = 0; p < d; p++) {
            List<NodeInfo> share = new ArrayList<>();
            for (int i = p; i < sorted.size(); i += d) {
                share.add(sorted.get(i));
            }
            Predicate<InfoHash> claim = d == 1 ? id -> true : id -> !askedBy.containsKey(id);
            paths.add(new Lookup(target, settings, share, history, admissible, claim, ownSpread));
        }
        if (d > 1) {
            paths.forEach(p -> p.judgedBy(() -> {
                List<NodeInfo> closest = closestAnswered(settings.k());
                return closest.size() == settings.k()
                        && p.isFar(closest.get(settings.k() - 1).id());
            }));
        }
    }

    /** A lookup over one path: {@code lookup} itself. */
    public static DisjointLookup of(Lookup lookup) {
        return new DisjointLookup(lookup);
    }

    private DisjointLookup(Lookup single) {
        this.target = single.target();
        paths.add(single);
    }

    /** The id looked up. */
    public InfoHash target() {
        return target;
    }

    /** How many paths the lookup runs over. */
    public int pathCount() {
        return paths.size();
    }

    /** The nodes to ask now, from every path; each node at most once in the lookup's life. */
    public List<NodeInfo> nextToAsk() {
        List<NodeInfo> ask = new ArrayList<>();
        for (Lookup path : paths) {
            for (NodeInfo n : path.nextToAsk()) {
                askedBy.put(n.id(), path);
                ask.add(n);
            }
        }
        return ask;
    }

    /** {@code from} answered, naming {@code closer}: they become candidates of the path that asked it. */
    public void onAnswer(InfoHash from, List<NodeInfo> closer) {
        Lookup path = askedBy.get(from);
        if (path == null) {
            // an answer no path asked for (a bootstrap node's, to the same request): the path that
            // holds the node as a candidate takes it, and claims the node
            path = paths.stream().filter(p -> p.isCandidate(from)).findFirst().orElse(null);
            if (path == null) {
                return;
            }
            askedBy.put(from, path);
        }
        path.onAnswer(from, closer);
    }

    /**
     * Which path asked {@code node}: 0 … {@link #pathCount()} − 1, or −1 if no path did. A dual-stack
     * node hands contacts of the other family to the same path there ({@link #onNamed}).
     */
    public int pathOf(InfoHash node) {
        return paths.indexOf(askedBy.get(node));
    }

    /**
     * Nodes of this lookup's address family named in an answer to path {@code path} of the lookup of
     * the other family: candidates of the same path here (of the first path if there is no such path).
     */
    public void onNamed(int path, List<NodeInfo> nodes) {
        paths.get(path >= 0 && path < paths.size() ? path : 0).onNamed(nodes);
    }

    /** A timeout for {@code from} passed and its request is being re-sent (see {@link Lookup#onSlow}). */
    public void onSlow(InfoHash from) {
        Lookup path = askedBy.get(from);
        if (path != null) {
            path.onSlow(from);
        }
    }

    /** {@code from} did not answer at all. */
    public void onFailure(InfoHash from) {
        Lookup path = askedBy.get(from);
        if (path != null) {
            path.onFailure(from);
        }
    }

    /** True when every path is done. */
    public boolean isDone() {
        for (Lookup path : paths) {
            if (!path.isDone()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether every path is done or has the answers of its K closest nodes that did not time out
     * ({@link Lookup#liveClosestAnswered}).
     */
    public boolean liveClosestAnswered() {
        for (Lookup path : paths) {
            if (!path.liveClosestAnswered() && !path.isDone()) {
                return false;
            }
        }
        return true;
    }

    /** Up to {@code count} nodes that answered on any path, closest first: the lookup's result. */
    public List<NodeInfo> closestAnswered(int count) {
        if (paths.size() == 1) {
            return paths.get(0).closestAnswered(count);
        }
        List<NodeInfo> all = new ArrayList<>();
        paths.forEach(p -> all.addAll(p.closestAnswered(count)));
        all.sort((a, b) -> target.compareDistance(a.id(), b.id()));
        return all.size() > count ? List.copyOf(all.subList(0, count)) : all;
    }

    /** The hop of the closest node that answered on any path; 0 when nobody answered. */
    public int hopsToClosest() {
        NodeInfo closest = null;
        int hops = 0;
        for (Lookup path : paths) {
            List<NodeInfo> first = path.closestAnswered(1);
            if (!first.isEmpty()
                    && (closest == null || target.compareDistance(first.get(0).id(), closest.id()) < 0)) {
                closest = first.get(0);
                hops = path.hopsToClosest();
            }
        }
        return hops;
    }

    /** Number of nodes that answered, on all paths. */
    public int answeredCount() {
        return sum(Lookup::answeredCount);
    }

    /** Nodes named in replies that were not asked because they failed repeatedly of late, on all paths. */
    public int skippedCount() {
        return sum(Lookup::skippedCount);
    }

    /** Requests currently counted against alpha, on all paths. */
    public int inFlight() {
        return sum(Lookup::inFlight);
    }

    private int sum(ToIntFunction<Lookup> count) {
        int n = 0;
        for (Lookup path : paths) {
            n += count.applyAsInt(path);
        }
        return n;
    }
}

package io.rdht.core.lookup;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.routing.AddressBlock;
import io.rdht.core.routing.PeerStatus;
import io.rdht.core.routing.PrefixDiversity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An iterative Kademlia lookup as a state machine: it says which nodes to ask next, is told of
 * each answer, slow answer or failure, and says when it is done. It sends nothing and reads no
 * clock; the node drives it.
 *
 * <p>It considers the {@link LookupSettings#capacity} closest candidates still standing (not
 * failed), asks the closest unasked ones among them with at most {@link LookupSettings#alpha}
 * requests in flight, and is done when the {@link LookupSettings#k} closest candidates still
 * standing have all answered, or when nobody among them is left to ask. A candidate that fails
 * makes room for the next one, so a lookup through a neighbourhood full of dead contacts still
 * ends with K live nodes if there are any.
 *
 * <p>Implementation note: a request that outlives its first timeout is marked slow: it stops
 * counting against alpha and the next candidate is asked in its place (libp2p's Kademlia frees the
 * slot alike), but the lookup still waits for its re-send if it is among the K closest, since a
 * lost datagram is far more common than a dead node there and the closest nodes are the ones that
 * matter. After its second timeout it stands aside: the lookup no longer waits for it, and its
 * late answer still counts. So a dead node among the closest costs two timeouts instead of all
 * its retries (OpenDHT waits for each retry). The simulator chose this: standing aside after the
 * first timeout missed the closest node in 1.5% of lookups under 1% loss (docs/SIMULATION.md).
 *
 * <p>What the node remembers of each peer ({@link PeerStatus}) shortens the wait for the dead: a
 * node that failed repeatedly is not asked at all when a reply names it (only seeds are always
 * asked, and the routing table seeds such nodes only as a last resort), and a node that failed
 * its last request stands aside at its first timeout. So after a crash the first lookups pay one
 * timeout per dead node among the closest, and later ones none (OpenDHT marks such nodes expired
 * alike).
 *
 * <p>Threat-model note: contacts named in replies are only candidates; they are asked directly
 * and count as found only once they answer themselves, so a liar cannot make up the result.
 * Each node is asked once per lookup.
 *
 * <p>One path of a {@link DisjointLookup} asks a node only if it can claim it, that is if no other
 * path of the lookup asked it first; a node another path claimed is passed over as a failed one is.
 *
 * <p>Two address rules shape the K closest. A node the {@code admissible} test refuses (an id that
 * does not fit its address, {@link io.rdht.core.routing.IdBinding}) is never a candidate, whoever
 * names it. And at most {@link PrefixDiversity#maxPerPrefix} candidates of one block of addresses
 * count among the K ({@link LookupSettings#diversity}): the others of that block are neither asked
 * nor waited for while the closer ones stand, so the lookup goes on to the next closest nodes of
 * other blocks. Where no block holds more than that, lookups run as without the rules.
 *
 * <p>A sparse result is not taken for the end ({@link LookupSettings#spreadLimit}). Sybils that
 * answer every lookup with the coalition's nodes closest to the target put those into the
 * candidates, closer than what honest hops have named so far; they are asked, answer with each
 * other, and would end the lookup as its K closest before the honest candidates farther out are
 * ever asked. Yet a coalition that is a share f of the network lies around any target 1/f times
 * more thinly than the network does. So when the K-th closest node that answered lies farther
 * from the target than {@code spreadLimit} times the distance of this node's own K-th closest
 * contact from this node (the lookup's {@code ownSpread}, the spread of K nodes in the network
 * seen from here), the answered nodes beyond that radius stop holding places among the
 * {@link LookupSettings#capacity} considered: the lookup asks the next closest candidates (the
 * honest ones the poisoned replies pushed out, and those they name in turn) and ends when nobody
 * is left to ask in that wider window, when the K closest that answered lie within the radius
 * again, or when it sent twice its capacity of requests past the sparse result. In a network
 * without Sybils the check rarely fires (the K closest lie as thinly around the target as around
 * this node), and when it does it costs at most those requests more. The result is the K closest
 * nodes that answered, as always.
 *
 * <p>Each candidate remembers its hop: 1 for the seeds, and one more than the node that named it
 * for the others, so {@link #hopsToClosest} is the length of the chain of requests that led to the
 * result, the measure Kademlia's O(log n) bound is about.
 */
public final class Lookup {

    private final InfoHash target;
    private final LookupSettings settings;
    private final List<Candidate> candidates = new ArrayList<>();
    private final Set<InfoHash> heardOf = new HashSet<>();
    private final Function<InfoHash, PeerStatus> history;
    private final Predicate<InfoHash> claim;
    private final Predicate<NodeInfo> admissible;
    /** Distance from the target (a fraction of the id space) beyond which K answered nodes are sparse. */
    private final double radius;
    /** Tells whether the lookup's result is sparse when this is one of several paths; null: this path alone. */
    private BooleanSupplier judge;
    /** Requests sent while looking past a sparse result. */
    private int widenedAsks;

    private int active;
    private int answered;
    private int skipped;
    private int refused;

    /** Starts a lookup of {@code target} from the given known nodes, with no memory of failed peers. */
    public Lookup(InfoHash target, LookupSettings settings, List<NodeInfo> seeds) {
        this(target, settings, seeds, id -> PeerStatus.UNSUSPECTED);
    }

    /**
     * Starts a lookup of {@code target} from the given known nodes (all of them asked); nodes that
     * replies name are judged by {@code history}.
     */
    public Lookup(
            InfoHash target, LookupSettings settings, List<NodeInfo> seeds, Function<InfoHash, PeerStatus> history) {
        this(target, settings, seeds, history, n -> true);
    }

    /**
     * Starts a lookup as {@link #Lookup(InfoHash, LookupSettings, List, Function)} does, among the
     * nodes {@code admissible} accepts only.
     */
    public Lookup(
            InfoHash target,
            LookupSettings settings,
            List<NodeInfo> seeds,
            Function<InfoHash, PeerStatus> history,
            Predicate<NodeInfo> admissible) {
        this(target, settings, seeds, history, admissible, id -> true, 0);
    }

    /**
     * Starts one path of a lookup over disjoint paths: as above, but a node is asked only when
     * {@code claim} accepts it (true: no other path has asked it, and now none will), and the
     * result's spread is judged: {@code ownSpread} is the distance (a fraction of the id space,
     * {@link Spread#between}) of this node's K-th closest contact from this node, 0 when it does
     * not know K contacts, and turns the sparse result check off (as a
     * {@link LookupSettings#spreadLimit} of 0 does).
     */
    public Lookup(
            InfoHash target,
            LookupSettings settings,
            List<NodeInfo> seeds,
            Function<InfoHash, PeerStatus> history,
            Predicate<NodeInfo> admissible,
            Predicate<InfoHash> claim,
            double ownSpread) {
        this.target = target;
        this.radius = settings.spreadLimit() > 0 && ownSpread > 0
                ? settings.spreadLimit() * ownSpread
                : Double.POSITIVE_INFINITY;
        this.settings = settings;
        this.history = history;
        this.admissible = admissible;
        this.claim = claim;
        offer(seeds, 1, true);
    }

    /** The id looked up. */
    public InfoHash target() {
        return target;
    }

    /**
     * The nodes to ask now, each at most once in the lookup's life; they count as in flight until
     * {@link #onAnswer}, {@link #onSlow} or {@link #onFailure}.
     */
    public List<NodeInfo> nextToAsk() {
        List<NodeInfo> ask = new ArrayList<>();
        if (isDone()) {
            return ask;
        }
        int standing = 0;
        boolean widening = widening();
        PrefixDiversity.Tally blocks = settings.diversity().tally();
        for (Candidate c : candidates) {
            if (active >= settings.alpha() || standing == settings.capacity()) {
                break;
            }
            if (c.state == State.FRESH && !claim.test(c.node.id())) {
                c.state = State.TAKEN;
            }
            if (widening && c.isSpent()) {
                continue;
            }
            if (!c.isStanding() || !blocks.take(c.block)) {
                continue;
            }
            standing++;
            if (c.state == State.FRESH) {
                c.state = State.IN_FLIGHT;
                active++;
                ask.add(c.node);
                if (widening) {
                    widenedAsks++;
                }
            }
        }
        return ask;
    }

    /** {@code from} answered, naming {@code closer} as the nodes it knows closest to the target. */
    public void onAnswer(InfoHash from, List<NodeInfo> closer) {
        Candidate c = find(from);
        if (c == null || c.state == State.ANSWERED || c.state == State.FAILED) {
            return;
        }
        release(c);
        c.state = State.ANSWERED;
        answered++;
        offer(closer, c.hop + 1, false);
    }

    /** Whether {@code id} is among this lookup's candidates, asked or not. */
    public boolean isCandidate(InfoHash id) {
        return find(id) != null;
    }

    /**
     * Nodes of this lookup's address family heard of other than in an answer to it: named in an
     * answer to the lookup of the other family (a dual-stack node's two lookups of one target tell
     * each other of the contacts they hear of), or by a bootstrap node the routing table refused.
     * Added as a reply one hop from the seeds would add them.
     */
    public void onNamed(List<NodeInfo> nodes) {
        offer(nodes, 2, false);
    }

    /**
     * A timeout for {@code from} passed and its request is being re-sent: after the first, the
     * lookup asks others meanwhile; after the second, or the first of a node that failed lately,
     * it stops waiting for {@code from}.
     */
    public void onSlow(InfoHash from) {
        Candidate c = find(from);
        if (c == null) {
            return;
        }
        if (c.state == State.IN_FLIGHT) {
            active--;
            c.state = c.suspect ? State.ASIDE : State.SLOW;
        } else if (c.state == State.SLOW) {
            c.state = State.ASIDE;
        }
    }

    /** {@code from} did not answer at all. */
    public void onFailure(InfoHash from) {
        Candidate c = find(from);
        if (c == null || c.state == State.ANSWERED || c.state == State.FAILED) {
            return;
        }
        release(c);
        c.state = State.FAILED;
    }

    /**
     * True when the k closest candidates still standing (neither failed nor stood aside) have
     * answered, or when nobody is left to ask or to wait for. A candidate that stood aside holds
     * the lookup open only while fewer than k have answered.
     */
    public boolean isDone() {
        int closestAnswered = 0;
        boolean waitingForAside = false;
        PrefixDiversity.Tally blocks = settings.diversity().tally();
        for (Candidate c : candidates) {
            switch (c.state) {
                case FAILED, TAKEN -> {
                    continue;
                }
                case ASIDE -> {
                    waitingForAside = true;
                    continue;
                }
                default -> {}
            }
            if (!blocks.take(c.block)) {
                continue;
            }
            if (c.state != State.ANSWERED) {
                return false;
            }
            if (++closestAnswered == settings.k()) {
                return !widening() || !pendingInWiderWindow();
            }
        }
        return !waitingForAside;
    }

    /**
     * Whether the lookup looks past a sparse result: it is sparse and fewer than
     * {@link #widenedAskBudget} requests were sent for it so far.
     */
    private boolean widening() {
        return widenedAsks < widenedAskBudget() && sparse();
    }

    /** The most requests a lookup sends past a sparse result: twice its capacity. */
    private int widenedAskBudget() {
        return 2 * settings.capacity();
    }

    /** Whether the lookup's result is sparse: this path's own, or all paths' together (see {@link #judgedBy}). */
    private boolean sparse() {
        return judge != null ? judge.getAsBoolean() : sparseHere();
    }

    /**
     * One path of a {@link DisjointLookup}: the result whose spread counts is that of all paths
     * together, which {@code judge} tells, since each path alone finds only its share of the
     * closest nodes.
     */
    void judgedBy(BooleanSupplier judge) {
        this.judge = judge;
    }

    /** Whether {@code id} lies beyond the radius of a dense result. */
    boolean isFar(InfoHash id) {
        return Spread.between(target, id) > radius;
    }

    /**
     * Whether the K closest candidates that answered on this path lie beyond the radius: the K-th
     * of them is farther from the target than the spread limit allows. False while fewer than K
     * answered.
     */
    private boolean sparseHere() {
        int closestAnswered = 0;
        PrefixDiversity.Tally blocks = settings.diversity().tally();
        for (Candidate c : candidates) {
            if (c.state == State.ANSWERED && blocks.take(c.block) && ++closestAnswered == settings.k()) {
                return c.far;
            }
        }
        return false;
    }

    /**
     * Whether a candidate in the window of a sparse result (the {@code capacity} closest standing
     * ones once the answered nodes beyond the radius give up their places) is still to be asked or
     * answered.
     */
    private boolean pendingInWiderWindow() {
        int standing = 0;
        PrefixDiversity.Tally blocks = settings.diversity().tally();
        for (Candidate c : candidates) {
            if (standing == settings.capacity()) {
                break;
            }
            if (c.isSpent()) {
                continue;
            }
            boolean askable = c.state != State.FRESH || claim.test(c.node.id());
            if (!askable || !c.isStanding() || !blocks.take(c.block)) {
                continue;
            }
            standing++;
            if (c.state != State.ANSWERED) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the k closest candidates that neither failed nor timed out once have all answered:
     * the lookup has k live nodes closest to the target, though it may still wait for a re-send to
     * a closer one. A node may act on what the lookup found then while it goes on (a join is
     * complete once the nearest live nodes know the new node; a lost reply among the closest
     * would otherwise hold it for a re-send). False while fewer than k answered, however the rest
     * fared: a timeout estimated from a single round trip can call a live node slow, so with fewer
     * than k answers the lookup's end is the only safe point. Candidates beyond their block's
     * share ({@link LookupSettings#diversity}) count as {@link #isDone} counts them: not at all.
     * False too while the K closest that answered are a sparse result (see the class note): they
     * may be a Sybil clique's, and only the lookup's end says.
     */
    public boolean liveClosestAnswered() {
        int closestAnswered = 0;
        PrefixDiversity.Tally blocks = settings.diversity().tally();
        for (Candidate c : candidates) {
            switch (c.state) {
                case ANSWERED -> {
                    if (blocks.take(c.block) && ++closestAnswered == settings.k()) {
                        return !sparse();
                    }
                }
                case FRESH, IN_FLIGHT -> {
                    if (blocks.take(c.block)) {
                        return false;
                    }
                }
                default -> {
                    // failed, taken by another path, or timed out at least once: not waited for here
                }
            }
        }
        return false;
    }

    /**
     * Up to {@code count} nodes that answered, closest first, at most
     * {@link PrefixDiversity#maxPerPrefix} of one block: the lookup's result.
     */
    public List<NodeInfo> closestAnswered(int count) {
        List<NodeInfo> out = new ArrayList<>();
        PrefixDiversity.Tally blocks = settings.diversity().tally();
        for (Candidate c : candidates) {
            if (c.state == State.ANSWERED && blocks.take(c.block)) {
                out.add(c.node);
                if (out.size() == count) {
                    break;
                }
            }
        }
        return out;
    }

    /**
     * The hop of the closest node that answered: 1 when a seed was the closest, 0 when nobody
     * answered.
     */
    public int hopsToClosest() {
        for (Candidate c : candidates) {
            if (c.state == State.ANSWERED) {
                return c.hop;
            }
        }
        return 0;
    }

    /** Number of nodes that answered. */
    public int answeredCount() {
        return answered;
    }

    /** Nodes named in replies that were not asked because they failed repeatedly of late. */
    public int skippedCount() {
        return skipped;
    }

    /** Nodes named to this lookup whose id does not fit their address, so never asked. */
    public int refusedCount() {
        return refused;
    }

    /** Requests currently counted against alpha. */
    public int inFlight() {
        return active;
    }

    /** Adds the nodes not heard of yet; those that failed repeatedly only if {@code seeds}, the last resort. */
    private void offer(List<NodeInfo> nodes, int hop, boolean seeds) {
        for (NodeInfo n : nodes) {
            if (!heardOf.add(n.id())) {
                continue;
            }
            if (!admissible.test(n)) {
                refused++;
                continue;
            }
            PeerStatus status = history.apply(n.id());
            if (status == PeerStatus.FAILED && !seeds) {
                skipped++;
            } else {
                insert(new Candidate(
                        n,
                        hop,
                        status != PeerStatus.UNSUSPECTED,
                        settings.diversity().blockOf(n.address()),
                        isFar(n.id())));
            }
        }
    }

    private void insert(Candidate c) {
        int lo = 0;
        int hi = candidates.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (target.compareDistance(candidates.get(mid).node.id(), c.node.id()) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        candidates.add(lo, c);
    }

    private void release(Candidate c) {
        if (c.state == State.IN_FLIGHT) {
            active--;
        }
    }

    private Candidate find(InfoHash id) {
        for (Candidate c : candidates) {
            if (c.node.id().equals(id)) {
                return c;
            }
        }
        return null;
    }

    /**
     * SLOW: first timeout passed, re-sent, still waited for; ASIDE: second timeout passed, not waited
     * for; TAKEN: asked by another path of the same lookup, never by this one.
     */
    private enum State {
        FRESH,
        TAKEN,
        IN_FLIGHT,
        SLOW,
        ASIDE,
        ANSWERED,
        FAILED
    }

    private static final class Candidate {
        final NodeInfo node;
        final int hop;
        /** Failed of late: not waited for past its first timeout. */
        final boolean suspect;
        /** The block of addresses it counts in among the K; null when not limited. */
        final AddressBlock block;
        /** Farther from the target than the radius of a dense result. */
        final boolean far;

        State state = State.FRESH;

        Candidate(NodeInfo node, int hop, boolean suspect, AddressBlock block, boolean far) {
            this.node = node;
            this.hop = hop;
            this.suspect = suspect;
            this.block = block;
            this.far = far;
        }

        /** Answered from beyond the radius: gives up its place in the window of a sparse result. */
        boolean isSpent() {
            return far && state == State.ANSWERED;
        }

        /** Failed, slow and taken candidates make room: others are asked in their place. */
        boolean isStanding() {
            return state != State.FAILED && state != State.SLOW && state != State.ASIDE && state != State.TAKEN;
        }
    }
}

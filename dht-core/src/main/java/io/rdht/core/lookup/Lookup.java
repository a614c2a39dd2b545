package io.rdht.core.lookup;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
 * counting against alpha, the next candidate is asked in its place, and the lookup no longer waits
 * for it to end, so one silent node (dead, or behind a lost datagram) costs one timeout instead of
 * all its retries; its late answer still counts (libp2p's Kademlia frees the slot alike). OpenDHT
 * instead waits for each retry.
 *
 * <p>Threat-model note: contacts named in replies are only candidates; they are asked directly
 * and count as found only once they answer themselves, so a liar cannot make up the result.
 * Each node is asked once per lookup.
 */
public final class Lookup {

    private final InfoHash target;
    private final LookupSettings settings;
    private final List<Candidate> candidates = new ArrayList<>();
    private final Set<InfoHash> heardOf = new HashSet<>();
    private int active;
    private int answered;

    /** Starts a lookup of {@code target} from the given known nodes. */
    public Lookup(InfoHash target, LookupSettings settings, List<NodeInfo> seeds) {
        this.target = target;
        this.settings = settings;
        offer(seeds);
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
        for (Candidate c : candidates) {
            if (active >= settings.alpha() || standing == settings.capacity()) {
                break;
            }
            if (!c.isStanding()) {
                continue;
            }
            standing++;
            if (c.state == State.FRESH) {
                c.state = State.IN_FLIGHT;
                active++;
                ask.add(c.node);
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
        offer(closer);
    }

    /** {@code from} has not answered within its first timeout; the lookup asks others meanwhile. */
    public void onSlow(InfoHash from) {
        Candidate c = find(from);
        if (c != null && c.state == State.IN_FLIGHT) {
            active--;
            c.state = State.SLOW;
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
     * True when the k closest candidates still standing (neither failed nor slow) have answered,
     * or when nobody is left to ask or to wait for. A slow candidate holds the lookup open only
     * while fewer than k have answered.
     */
    public boolean isDone() {
        int closestAnswered = 0;
        boolean waitingForSlow = false;
        for (Candidate c : candidates) {
            switch (c.state) {
                case FAILED -> {
                    continue;
                }
                case SLOW -> {
                    waitingForSlow = true;
                    continue;
                }
                case ANSWERED -> {
                    if (++closestAnswered == settings.k()) {
                        return true;
                    }
                    continue;
                }
                default -> {
                    return false;
                }
            }
        }
        return !waitingForSlow;
    }

    /** Up to {@code count} nodes that answered, closest first: the lookup's result. */
    public List<NodeInfo> closestAnswered(int count) {
        List<NodeInfo> out = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.state == State.ANSWERED) {
                out.add(c.node);
                if (out.size() == count) {
                    break;
                }
            }
        }
        return out;
    }

    /** Number of nodes that answered. */
    public int answeredCount() {
        return answered;
    }

    /** Requests currently counted against alpha. */
    public int inFlight() {
        return active;
    }

    private void offer(List<NodeInfo> nodes) {
        for (NodeInfo n : nodes) {
            if (heardOf.add(n.id())) {
                insert(new Candidate(n));
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

    private enum State { FRESH, IN_FLIGHT, SLOW, ANSWERED, FAILED }

    private static final class Candidate {
        final NodeInfo node;
        State state = State.FRESH;

        Candidate(NodeInfo node) {
            this.node = node;
        }

        /** Failed and slow candidates stand aside: others are asked in their place, none is waited for. */
        boolean isStanding() {
            return state != State.FAILED && state != State.SLOW;
        }
    }
}

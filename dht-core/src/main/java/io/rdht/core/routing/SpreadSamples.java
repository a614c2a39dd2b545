package io.rdht.core.routing;

import io.rdht.core.NodeInfo;
import java.util.List;

/**
 * What this node's last lookups told of the network around their targets: for each lookup that
 * ended with K nodes, the distance of the K-th closest from the target, a fraction of the id space;
 * and the nodes of the last result that lay as densely as the network does.
 *
 * <p>The least of the spreads kept estimates the spread of K nodes in the network where the node's
 * own neighbourhood cannot (a node whose self-lookup met Sybils knows too few neighbours): a lookup
 * that Sybils ended gives a wide spread, one that met none the network's, and one of the last
 * lookups need only have met none. A node whose join Sybils answered has its table filled by them,
 * so most of its lookups end on them; the least spread still finds the one that did not, where a
 * quartile would not. The estimate can only err towards a denser network (a lookup cannot find K
 * nodes closer than the K closest there are, unless Sybils choose ids next to its target, which
 * {@link IdBinding} prices): then more results look sparse, and each costs its lookup a bounded
 * number of requests more.
 *
 * <p>The last dense result is ground a check of the own neighbourhood can start from that Sybils
 * did not choose: K nodes that answered a lookup and lie no more thinly than the network.
 * Owned by the node thread.
 */
public final class SpreadSamples {

    /** Lookups remembered. */
    public static final int KEPT = 16;

    /** Samples needed before {@link #least} tells anything. */
    static final int NEEDED = 4;

    private final double[] ring = new double[KEPT];
    private int count;
    private int next;
    private List<NodeInfo> lastDense = List.of();

    /** Notes the spread of a lookup's K closest nodes, a fraction of the id space. */
    public void add(double spread) {
        ring[next] = spread;
        next = (next + 1) % KEPT;
        count = Math.min(count + 1, KEPT);
    }

    /** The least of the spreads kept; 0 while fewer than {@value #NEEDED} are. */
    public double least() {
        if (count < NEEDED) {
            return 0;
        }
        double least = Double.POSITIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            least = Math.min(least, ring[i]);
        }
        return least;
    }

    /**
     * Notes a finished lookup's K closest nodes and their {@code spread} around its target; they
     * become the last dense result when that spread is at most {@code limit} times
     * {@code estimate}, the spread of K nodes in the network as the node saw it before this lookup
     * (0: unknown, so nothing is dense).
     */
    public void note(double spread, List<NodeInfo> nodes, double estimate, double limit) {
        if (estimate > 0 && spread <= limit * estimate) {
            lastDense = List.copyOf(nodes);
        }
        add(spread);
    }

    /** The K closest nodes of the last lookup whose result was dense; empty before any was. */
    public List<NodeInfo> lastDense() {
        return lastDense;
    }
}

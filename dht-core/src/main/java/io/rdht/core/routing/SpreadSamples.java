package io.rdht.core.routing;

import io.rdht.core.NodeInfo;
import java.util.List;

/**
 * What this node's last lookups told of the network around their targets: for each lookup that
 * ended with K nodes, those nodes and how thinly they lay, the distance of the K-th closest from
 * the target as a fraction of the id space.
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
 * <p>The nodes of the densest result kept are ground a check of the own neighbourhood can start
 * from that Sybils did not choose: a Sybil clique lies more thinly than the network, so the
 * densest of the last results is the honest one, if any was. Owned by the node thread.
 */
public final class SpreadSamples {

    /** Lookups remembered. */
    public static final int KEPT = 16;

    /** Samples needed before {@link #least} tells anything. */
    static final int NEEDED = 4;

    private final double[] spreads = new double[KEPT];

    @SuppressWarnings("unchecked")
    private final List<NodeInfo>[] results = new List[KEPT];

    private int count;
    private int next;

    /** Notes a finished lookup's K closest nodes and their {@code spread} around its target. */
    public void add(double spread, List<NodeInfo> nodes) {
        spreads[next] = spread;
        results[next] = List.copyOf(nodes);
        next = (next + 1) % KEPT;
        count = Math.min(count + 1, KEPT);
    }

    /** The least of the spreads kept; 0 while fewer than {@value #NEEDED} are. */
    public double least() {
        return count < NEEDED ? 0 : spreads[densestIndex()];
    }

    /** The nodes of the densest result kept: the one of the least spread; empty before any. */
    public List<NodeInfo> densest() {
        return count == 0 ? List.of() : results[densestIndex()];
    }

    private int densestIndex() {
        int best = 0;
        for (int i = 1; i < count; i++) {
            if (spreads[i] < spreads[best]) {
                best = i;
            }
        }
        return best;
    }
}

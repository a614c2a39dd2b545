package io.rdht.core.routing;

import java.util.Arrays;

/**
 * How thinly the nodes lay around the targets of this node's last lookups: for each lookup that
 * ended with K nodes, the distance of the K-th closest from the target, a fraction of the id
 * space. Its low quartile estimates the spread of K nodes in the network where the node's own
 * neighbourhood cannot (a node whose self-lookup met Sybils knows too few neighbours): a lookup
 * that Sybils ended gives a wide spread, one that met none the network's, and a quarter of the
 * last lookups need only have met none. Owned by the node thread.
 */
public final class SpreadSamples {

    /** Lookups remembered. */
    public static final int KEPT = 16;

    /** Samples needed before {@link #lowQuartile} tells anything. */
    static final int NEEDED = 4;

    private final double[] ring = new double[KEPT];
    private int count;
    private int next;

    /** Notes the spread of a lookup's K closest nodes, a fraction of the id space. */
    public void add(double spread) {
        ring[next] = spread;
        next = (next + 1) % KEPT;
        count = Math.min(count + 1, KEPT);
    }

    /** The low quartile of the spreads kept; 0 while fewer than {@value #NEEDED} are. */
    public double lowQuartile() {
        if (count < NEEDED) {
            return 0;
        }
        double[] kept = Arrays.copyOf(ring, count);
        Arrays.sort(kept);
        return kept[(count - 1) / 4];
    }
}

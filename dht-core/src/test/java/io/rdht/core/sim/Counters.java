package io.rdht.core.sim;

import io.rdht.core.DhtNode;

/** Sums of one node counter over a network. */
final class Counters {

    private Counters() {}

    /** The sum of {@code counter} (a name of {@code NodeStats.snapshot()}) over the running nodes of {@code net}. */
    static long total(VirtualNetwork net, String counter) {
        long sum = 0;
        for (DhtNode node : net.alive()) {
            Long value = node.stats().byName().get(counter);
            if (value == null) {
                throw new IllegalArgumentException("no counter named " + counter);
            }
            sum += value;
        }
        return sum;
    }
}

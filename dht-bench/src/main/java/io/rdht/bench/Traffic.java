package io.rdht.bench;

import io.rdht.core.DhtNode;
import java.util.Collection;
import java.util.Map;

/**
 * What a cluster's nodes sent, summed over the nodes; the difference of two readings is what a
 * phase cost.
 *
 * @param datagrams       datagrams sent
 * @param retransmissions requests sent again because no answer came in time
 * @param timeouts        requests given up after the last attempt
 */
record Traffic(long datagrams, long retransmissions, long timeouts) {

    /** The counters of {@code nodes} now. */
    static Traffic of(Collection<DhtNode> nodes) {
        long datagrams = 0;
        long retransmissions = 0;
        long timeouts = 0;
        for (DhtNode node : nodes) {
            Map<String, Long> counters = node.stats().byName();
            datagrams += counters.get("datagrams.out");
            retransmissions += counters.get("requests.retransmitted");
            timeouts += counters.get("requests.timed_out");
        }
        return new Traffic(datagrams, retransmissions, timeouts);
    }

    /** What was sent since {@code earlier}. */
    Traffic since(Traffic earlier) {
        return new Traffic(
                datagrams - earlier.datagrams, retransmissions - earlier.retransmissions, timeouts - earlier.timeouts);
    }
}

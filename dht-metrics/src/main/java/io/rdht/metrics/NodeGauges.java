package io.rdht.metrics;

import io.rdht.core.DhtNode;
import io.rdht.core.KeySnapshot;
import io.rdht.core.RoutingSnapshot;
import java.net.Inet6Address;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * What a node's gauges show, taken at one moment on the node's thread.
 *
 * @param contactsIpv4 routing contacts with an IPv4 address
 * @param contactsIpv6 routing contacts with an IPv6 address
 * @param keys         keys stored for others
 * @param values       values stored for others
 * @param bytes        bytes of data stored for others
 * @param listensHeld  listens other nodes hold on this node
 * @param listensOurs  keys this node follows
 */
record NodeGauges(
        int contactsIpv4, int contactsIpv6, int keys, long values, long bytes, int listensHeld, int listensOurs) {

    /** All zero: before the first snapshot. */
    static final NodeGauges EMPTY = new NodeGauges(0, 0, 0, 0, 0, 0, 0);

    /** Takes the snapshots of {@code node} and sums them up. */
    static Mono<NodeGauges> of(DhtNode node) {
        return Mono.zip(node.routingTable(), node.storage(), node.listenersHere(), node.listens())
                .map(t -> {
                    int[] contacts = contacts(t.getT1());
                    List<KeySnapshot> storage = t.getT2();
                    long values = 0;
                    long bytes = 0;
                    for (KeySnapshot k : storage) {
                        values += k.values().size();
                        for (KeySnapshot.StoredValue v : k.values()) {
                            bytes += v.value().dataLength();
                        }
                    }
                    return new NodeGauges(
                            contacts[0],
                            contacts[1],
                            storage.size(),
                            values,
                            bytes,
                            t.getT3().size(),
                            t.getT4().size());
                });
    }

    private static int[] contacts(RoutingSnapshot routing) {
        int[] byFamily = new int[2];
        for (RoutingSnapshot.BucketView bucket : routing.buckets()) {
            for (RoutingSnapshot.ContactView c : bucket.contacts()) {
                byFamily[c.node().address().getAddress() instanceof Inet6Address ? 1 : 0]++;
            }
        }
        return byFamily;
    }
}

package io.rdht.http.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rdht.core.DhtNode;
import io.rdht.core.RoutingSnapshot;
import io.rdht.crypto.PublicKey;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * The node-info object of OpenDHT's proxy, from rdht's node: {@code id} (the identity's short id,
 * when the node has one), {@code node_id}, {@code ipv4} and {@code ipv6} each with {@code good} and
 * {@code dubious} contacts, and {@code ops}.
 *
 * <p>Implementation note: a contact is good when its last request was answered and dubious when it
 * has failed since; rdht does not remember which contacts spoke first, so OpenDHT's {@code incoming}
 * is left out rather than guessed, and so are {@code table_depth} and {@code
 * network_size_estimation} (OpenDHT too writes them only for deep tables). {@code ops} counts the
 * node's listens; rdht keeps no count of lookups in flight.
 */
final class NodeInfoJson {

    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofSeconds(2);

    private NodeInfoJson() {}

    /** The object for {@code node}, whose identity's key is {@code identity} if it has one. */
    static Mono<ObjectNode> of(DhtNode node, Optional<PublicKey> identity) {
        return Mono.zip(node.routingTable(), node.listens().map(l -> l.size()))
                .timeout(SNAPSHOT_TIMEOUT)
                .map(t -> {
                    ObjectNode o = ValueJson.MAPPER.createObjectNode();
                    identity.ifPresent(k -> o.put("id", k.shortId()));
                    o.set("ipv4", family(t.getT1(), true));
                    o.set("ipv6", family(t.getT1(), false));
                    o.put("node_id", node.id().toHex());
                    o.put("ops", t.getT2());
                    return o;
                });
    }

    private static ObjectNode family(RoutingSnapshot routing, boolean ipv4) {
        int good = 0;
        int dubious = 0;
        for (RoutingSnapshot.BucketView bucket : routing.buckets()) {
            for (RoutingSnapshot.ContactView c : bucket.contacts()) {
                if ((c.node().address().getAddress() instanceof Inet4Address) != ipv4) {
                    continue;
                }
                if (c.failures() == 0) {
                    good++;
                } else {
                    dubious++;
                }
            }
        }
        ObjectNode o = ValueJson.MAPPER.createObjectNode();
        o.put("dubious", dubious);
        o.put("good", good);
        return o;
    }
}

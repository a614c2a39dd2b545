package io.rdht.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.rdht.core.DhtNode;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * {@code GET /health}: 200 once the node has a live contact in its routing table, or from the
 * start when it is deliberately the first node of a network; 503 otherwise. The body is a small
 * JSON object: {@code {"status":"up","contacts":12,"first_node":false}}, or status {@code
 * "no contacts"} with 503 (also when the node does not answer within a second or has closed).
 */
public final class HealthRoute implements HttpRoute {

    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofSeconds(1);

    private final DhtNode node;
    private final boolean firstNode;

    /** The health of {@code node}; {@code firstNode} when it was started with no node to join through. */
    public HealthRoute(DhtNode node, boolean firstNode) {
        this.node = node;
        this.firstNode = firstNode;
    }

    @Override
    public void addTo(HttpServerRoutes routes) {
        routes.get(
                "/health",
                (request, response) -> node.routingTable()
                        .timeout(SNAPSHOT_TIMEOUT)
                        .map(routing -> routing.contactCount())
                        .onErrorReturn(-1)
                        .flatMap(contacts -> {
                            boolean up = contacts > 0 || (firstNode && contacts == 0);
                            String body = "{\"status\":\"" + (up ? "up" : "no contacts") + "\",\"contacts\":"
                                    + Math.max(0, contacts) + ",\"first_node\":" + firstNode + "}\n";
                            return response.status(up ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE)
                                    .header("Content-Type", "application/json")
                                    .sendString(Mono.just(body))
                                    .then();
                        }));
    }
}

package io.rdht.node;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rdht.core.DhtNode;
import io.rdht.core.NodeObserver;
import io.rdht.http.HealthRoute;
import io.rdht.http.HttpRoute;
import io.rdht.http.MetricsRoute;
import io.rdht.metrics.DhtMetrics;
import java.util.List;

/** A node's meters in a Prometheus registry, and the HTTP routes that show them. */
final class NodeMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DhtMetrics metrics = new DhtMetrics(registry);

    /** What the node's configuration takes to be watched. */
    NodeObserver observer() {
        return metrics;
    }

    /** {@code /metrics} and {@code /health} of {@code node}; {@code firstNode} when it joins through nobody. */
    List<HttpRoute> routes(DhtNode node, boolean firstNode) {
        return List.of(new MetricsRoute(registry, metrics), new HealthRoute(node, firstNode));
    }
}

package io.rdht.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rdht.metrics.DhtMetrics;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * {@code GET /metrics}: the registry in the Prometheus text format (version 0.0.4), the node's
 * gauges refreshed first.
 */
public final class MetricsRoute implements HttpRoute {

    /** The content type of the Prometheus text format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final DhtMetrics metrics;

    /** Serves {@code registry}, in which {@code metrics} keeps the node's meters. */
    public MetricsRoute(PrometheusMeterRegistry registry, DhtMetrics metrics) {
        this.registry = registry;
        this.metrics = metrics;
    }

    @Override
    public void addTo(HttpServerRoutes routes) {
        routes.get(
                "/metrics",
                (request, response) -> response.header("Content-Type", CONTENT_TYPE)
                        .sendString(metrics.refresh().then(Mono.fromCallable(registry::scrape))));
    }
}

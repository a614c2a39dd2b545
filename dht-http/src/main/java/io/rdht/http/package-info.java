/**
 * One HTTP server per node, on Reactor Netty, whose routes are plugged in: {@link
 * io.rdht.http.MetricsRoute} ({@code /metrics}, Prometheus text) and {@link
 * io.rdht.http.HealthRoute} ({@code /health}), and OpenDHT's REST proxy API ({@link io.rdht.http.proxy}). Requests with a body over
 * {@link io.rdht.http.NodeHttpServer#MAX_BODY_BYTES} are refused with 413, unknown paths with 404.
 *
 * <p>Nullness: no parameter, return value or record component is null unless its documentation
 * says when it is.
 */
package io.rdht.http;

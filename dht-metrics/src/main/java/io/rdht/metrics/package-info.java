/**
 * A node's meters in any Micrometer {@code MeterRegistry}: {@link io.rdht.metrics.DhtMetrics} is
 * the {@link io.rdht.core.NodeObserver} that turns dht-core's hooks, counters and snapshots into
 * counters, gauges and latency histograms. dht-core itself knows nothing of Micrometer.
 *
 * <p>Nullness: no parameter, return value or record component is null unless its documentation
 * says when it is.
 */
package io.rdht.metrics;

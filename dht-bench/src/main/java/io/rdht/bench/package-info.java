/**
 * The cluster benchmark: {@link io.rdht.bench.ClusterBenchmark} starts real UDP networks of rdht
 * nodes on the loopback interface, all in one JVM, and measures the latency of puts and gets one
 * at a time, the rate of puts with many in flight and the memory each node costs, printing
 * Markdown tables. It is an app, not a library: it owns its threads, reads the clock and
 * configures Logback.
 */
package io.rdht.bench;

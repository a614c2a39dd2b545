/**
 * The benchmarks. {@link io.rdht.bench.ClusterBenchmark} starts real UDP networks of rdht nodes
 * on the loopback interface, all in one JVM, and measures the latency of puts and gets one at a
 * time, the rate of puts with many in flight and the memory each node costs, printing Markdown
 * tables. {@link io.rdht.bench.ChurnBenchmark} runs each node as a process of its own
 * ({@link io.rdht.bench.NodeProcesses}, {@link io.rdht.bench.ConsoleNode}, which the process tests
 * of apps/node use too), kills a share of them with SIGKILL and restarts them, and times what a
 * reader node sees. It is an app, not a library: it owns its threads, reads the clock and
 * configures Logback.
 *
 * <p>Nullness: no parameter, return value or record component is null unless its documentation
 * says when it is.
 */
package io.rdht.bench;

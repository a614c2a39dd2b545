/**
 * JMH micro-benchmarks of the node's hot paths: the wire codec ({@link io.rdht.jmh.CodecBenchmark}),
 * the routing table's closest-contacts query ({@link io.rdht.jmh.RoutingBenchmark}), storing and
 * expiring values ({@link io.rdht.jmh.StorageBenchmark}), and signing and verifying a value
 * ({@link io.rdht.jmh.SigningBenchmark}). Each drives the public API of {@code dht-core} on data
 * from a seeded random source, so every run measures the same work. {@code bin/jmh}
 * runs them; the build only compiles them.
 *
 * <p>Nullness: no parameter, return value or record component is null unless its documentation
 * says when it is.
 */
package io.rdht.jmh;

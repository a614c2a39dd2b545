/**
 * rdht's node: {@link io.rdht.core.DhtNode}, configured by {@link io.rdht.core.DhtConfig}, and the
 * values, keys, events, snapshots and errors it takes and returns. Only {@link io.rdht.core} is
 * exported: the engine, wire format, routing table, lookups, storage, listens, signing checks,
 * persistence contract and transports are inside and may change in any release.
 *
 * <p>Reactor and rdht's crypto module are read transitively, since {@code Mono}, {@code Flux},
 * {@code Identity} and {@code PublicKey} appear in the exported API. Reactor, Reactor Netty and
 * Reactive Streams are automatic modules (named by their manifests), hence the suppressed warnings.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.rdht.core {
    requires transitive io.rdht.crypto;
    requires transitive reactor.core;
    requires transitive org.reactivestreams;
    requires reactor.netty.core;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.transport;
    requires org.slf4j;

    exports io.rdht.core;
}

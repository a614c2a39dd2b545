/**
 * The protocol engine, in plain Java: one node's requests and their re-sends ({@code Rpc}), the
 * operations built on them (lookups, puts, gets, listens, departure), the answers to other
 * nodes' requests and the periodic maintenance. Single-threaded: every method runs on the
 * thread its {@link io.rdht.core.engine.EngineEnvironment} names, which also supplies the clock,
 * the timers and the datagrams out. No Reactor, no Netty, no clock reads.
 *
 * <p>Nullness: no parameter, return value or record component is null unless its documentation
 * says when it is.
 */
package io.rdht.core.engine;

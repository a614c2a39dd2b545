/**
 * Where datagrams go: a {@link io.rdht.core.transport.Transport} binds an
 * {@link io.rdht.core.transport.Endpoint} that sends and receives them on one thread. Two exist:
 * UDP on Reactor Netty, and an in-memory network in virtual time with configurable delay and
 * loss, for tests and simulations. The only reactive code besides {@code DhtNode}.
 *
 * <p>Nullness: no parameter, return value or record component is null unless its documentation
 * says when it is.
 */
package io.rdht.core.transport;

/**
 * The iterative Kademlia lookup as a state machine: which nodes to ask next, when a lookup has
 * converged, which answers count. It sends nothing itself; its caller does, and reports replies
 * and timeouts back. No Reactor, no threads, no clock reads.
 *
 * <p>Nullness: no parameter, return value or record component is null unless its documentation
 * says when it is.
 */
package io.rdht.core.lookup;

/**
 * State that outlives the process: the {@link io.rdht.core.state.StateStore} a node reads once when
 * it starts (its id, the contacts it knew, the values it stored for others) and writes through
 * while it runs. This package holds only the contract and the records that cross it; the embedded
 * store behind it lives in the {@code dht-store} module, and a node without a store persists
 * nothing.
 *
 * <p>Threat-model note. <em>A tampered state file:</em> the node trusts nothing it reads back
 * more than what it receives from the network. Every signed value is verified again before it is
 * stored, expired values are dropped, and values go through the storage limits as a put does; a
 * store that cannot read its file moves it aside and starts empty instead of refusing to start.
 *
 * <p>Nullness: no parameter, return value or record component is null unless its documentation
 * says when it is.
 */
package io.rdht.core.state;

/**
 * The embedded store of a node's state: {@link io.rdht.store.SqliteStateStore} keeps the node id,
 * its routing contacts and the values it stores for others in one SQLite database in write-ahead
 * log mode, in a state directory, behind dht-core's {@link io.rdht.core.state.StateStore}. A
 * thread of the store's own writes, so the node thread never waits for the disk; a state it cannot
 * read is moved aside and the node starts fresh. docs/OPERATIONS.md ("State directory") says why
 * SQLite and what "acknowledged" means.
 *
 * <p>Nullness: no parameter, return value or record component is null unless its documentation
 * says when it is.
 */
package io.rdht.store;

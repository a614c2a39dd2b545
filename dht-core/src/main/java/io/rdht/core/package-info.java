/**
 * rdht's public API: a {@link io.rdht.core.DhtNode} built from a {@link io.rdht.core.DhtConfig},
 * whose {@code put}, {@code get} and {@code listen(key)} are Reactor streams of
 * {@link io.rdht.core.Value}s under {@link io.rdht.core.InfoHash} keys, failing only with a
 * {@link io.rdht.core.DhtException}.
 *
 * <p>Nullness: no parameter, return value or record component is null unless its documentation
 * says when it is.
 */
package io.rdht.core;

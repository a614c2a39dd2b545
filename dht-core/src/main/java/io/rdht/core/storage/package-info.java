/**
 * The values a node stores for others: {@link io.rdht.core.storage.Storage} keeps them by key and
 * identity (id and owner, {@link io.rdht.core.ValueIdentity}), each until its expiry (its TTL capped by the storer's maximum), applies the edit policy to a
 * value put again under a stored identity, enforces the {@link io.rdht.core.storage.StorageLimits}, and
 * hands back what expired so the node can tell listeners. It is a pure engine: no threads, no
 * clock reads (time comes in as an argument), no networking; one thread owns a storage.
 *
 * <p>Threat-model note. <em>Storage exhaustion by one source:</em> every value is charged to the
 * address that sent it, and a per-source byte limit below the total limit keeps one sender from
 * filling the node; limits on keys and values per key bound the maps, and each source has only a
 * share of a key three quarters full (values and bytes), so one source cannot fill a key for others. Over a limit
 * the newcomer is refused, nothing is evicted, so an attacker cannot push out the values of others.
 * <em>Overwrite, takeover or squatting of others' values:</em> a value is kept by id and owner, so
 * a value signed by another key under the same id is another value, stored beside; a stored
 * value is replaced only by the same identity with a higher seq (the node has verified the
 * signature before it stores), an unsigned value only by an unsigned one with a higher seq (an
 * unsigned value has no owner, so what must not be edited by others must be signed); a replay of
 * an older version is refused, and a stale copy can never shorten a value's expiry.
 *
 * <p>Nullness: no parameter, return value or record component is null unless its documentation
 * says when it is.
 */
package io.rdht.core.storage;

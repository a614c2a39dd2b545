/**
 * Listening to a key, in plain Java: the storer's registry of listeners and the listener's record
 * of what it has handed on. No Reactor, no threads, no clock reads.
 *
 * <p>Threat-model note: a listen costs its storer memory and a push per change, so the registry
 * bounds listens per key, per source address and in total, and forgets listens that are not
 * refreshed; a listener accepts pushes only for a listen id it chose at random and only from the
 * storers it registered with. Values are tracked by identity (id and owner), so a value another
 * owner signed under the same id never passes for, nor hides, the owner's.
 *
 * <p>Nullness: no parameter, return value or record component is null unless its documentation
 * says when it is.
 */
package io.rdht.core.listen;

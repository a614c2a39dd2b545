package io.rdht.core;

/**
 * What happened to a value under a listened key: it appeared, it was edited, or its time ran out.
 * Each value id is {@link Added} once, {@link Updated} on each edit (a higher seq), and
 * {@link Expired} once when its TTL has ended everywhere.
 */
public sealed interface ValueEvent permits ValueEvent.Added, ValueEvent.Updated, ValueEvent.Expired {

    /** {@return the value the event is about (for an edit, the new version)} */
    Value value();

    /**
     * A value appeared: stored before the subscription, or put while it runs.
     *
     * @param value the value
     */
    record Added(Value value) implements ValueEvent {}

    /**
     * A value was edited: same id, higher seq.
     *
     * @param previous the version handed on before
     * @param value    the new version
     */
    record Updated(Value previous, Value value) implements ValueEvent {}

    /**
     * A value's TTL ended and nobody re-published it.
     *
     * @param value the last version handed on
     */
    record Expired(Value value) implements ValueEvent {}
}

package io.rdht.core.listen;

import io.rdht.core.Value;
import io.rdht.core.ValueEvent;
import io.rdht.core.ValueIdentity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.PriorityQueue;

/**
 * What a listener has handed on for one key: the latest version of each value and when it
 * expires. It turns every copy of a value that arrives, from any storer, into at most one event:
 * {@link ValueEvent.Added} for a new {@link ValueIdentity} (id and owner), {@link ValueEvent.Updated}
 * for an edit (a higher seq of the same identity), nothing for a copy already seen or an older seq
 * (a re-published copy only moves the expiry later).
 *
 * <p>Threat-model note: values are tracked by identity, not by id, so another owner's value under
 * a victim's id is another value with events of its own; whichever storer answers first, it
 * can neither hide the victim's value nor pass for an edit of it.
 *
 * <p>Implementation note: expiry is decided here, from the creation time and TTL that every
 * storer shares, rather than announced by storers: no message is needed, so none can be lost,
 * and a value re-published by its owner (see {@code announce}) never expires while it lives.
 */
public final class ListenState {

    private final Map<ValueIdentity, Tracked> values = new HashMap<>();
    private final PriorityQueue<Due> expiries = new PriorityQueue<>();

    /**
     * The event that a value's arrival makes, if any. Decisions are made on {@code received}, the
     * value as it travelled; events carry {@code shown}, the same value as the caller may see it
     * (verified, perhaps decrypted).
     */
    public Optional<ValueEvent> offer(Value received, Value shown, long nowMillis) {
        long expiresAt = expiryOf(received);
        if (expiresAt <= nowMillis) {
            return Optional.empty();
        }
        Tracked known = values.get(received.identity());
        if (known == null) {
            track(received, shown, expiresAt);
            return Optional.of(new ValueEvent.Added(shown));
        }
        if (received.isEditOf(known.received)) {
            track(received, shown, expiresAt);
            return Optional.of(new ValueEvent.Updated(known.shown, shown));
        }
        if (received.sameVersionAs(known.received) && expiresAt > known.expiresAt) {
            track(received, shown, expiresAt);
        }
        return Optional.empty();
    }

    /**
     * True when {@code received} is, field for field (signature, TTL and creation time included), a
     * copy of the version held: {@link #offer} would make no event of it and change nothing, so a
     * listener may drop it before any costly check. Another storer's copy of a push is one.
     */
    public boolean holdsCopyOf(Value received) {
        Tracked known = values.get(received.identity());
        return known != null && known.received.equals(received);
    }

    /** Removes the values whose time ran out and returns their {@link ValueEvent.Expired} events. */
    public List<ValueEvent> expire(long nowMillis) {
        List<ValueEvent> expired = new ArrayList<>();
        while (!expiries.isEmpty() && expiries.peek().atMillis <= nowMillis) {
            Due due = expiries.poll();
            Tracked t = values.get(due.identity);
            if (t != null && t.expiresAt == due.atMillis) {
                values.remove(due.identity);
                expired.add(new ValueEvent.Expired(t.shown));
            }
        }
        return expired;
    }

    /** When the next value expires, if any. */
    public OptionalLong nextExpiry() {
        while (!expiries.isEmpty()) {
            Due due = expiries.peek();
            Tracked t = values.get(due.identity);
            if (t != null && t.expiresAt == due.atMillis) {
                return OptionalLong.of(due.atMillis);
            }
            expiries.poll();
        }
        return OptionalLong.empty();
    }

    /** The values handed on and not expired, for a subscriber who joins late. */
    public List<Value> current() {
        List<Value> out = new ArrayList<>(values.size());
        values.values().forEach(t -> out.add(t.shown));
        return out;
    }

    /**
     * The values held as they were received (still encrypted, if they were), at most {@code max}:
     * what a storer reconciles against.
     */
    public List<Value> received(int max) {
        List<Value> out = new ArrayList<>(Math.min(values.size(), max));
        for (Tracked t : values.values()) {
            if (out.size() == max) {
                break;
            }
            out.add(t.received);
        }
        return out;
    }

    /** Number of values held. */
    public int size() {
        return values.size();
    }

    /** When a value's life ends: its creation time plus its TTL. */
    static long expiryOf(Value v) {
        long ttl = v.ttl().toMillis();
        long created = v.created().toEpochMilli();
        return created > Long.MAX_VALUE - ttl ? Long.MAX_VALUE : created + ttl;
    }

    private void track(Value received, Value shown, long expiresAt) {
        values.put(received.identity(), new Tracked(received, shown, expiresAt));
        expiries.add(new Due(expiresAt, received.identity()));
    }

    private record Tracked(Value received, Value shown, long expiresAt) {}

    private record Due(long atMillis, ValueIdentity identity) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            return Long.compare(atMillis, o.atMillis);
        }
    }
}

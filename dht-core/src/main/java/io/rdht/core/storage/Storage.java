package io.rdht.core.storage;

import io.rdht.core.InfoHash;
import io.rdht.core.KeySnapshot;
import io.rdht.core.Value;
import io.rdht.core.ValueIdentity;
import io.rdht.core.routing.Source;
import io.rdht.core.storage.StoreOutcome.Added;
import io.rdht.core.storage.StoreOutcome.Refreshed;
import io.rdht.core.storage.StoreOutcome.Refused;
import io.rdht.core.storage.StoreOutcome.Updated;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * The values a node stores for others, by key, each until its expiry.
 *
 * <p>A value's expiry is {@code min(created + ttl, now + maxTtl)} when its creation time is set
 * and {@code now + min(ttl, maxTtl)} when it is {@link Instant#EPOCH}; a value expires when the
 * time reaches its expiry. The node calls {@link #expire} when {@link #nextExpiry} falls due.
 * Until then an expired value is hidden from {@link #values}, {@link #value} and
 * {@link #snapshot}, but still counts against the limits and the edit policy, and a refresh
 * may give it a new expiry.
 *
 * <p>Values are kept by {@link ValueIdentity}: id and owner. Another owner's value with the same id,
 * or an unsigned value with a signed value's id, is another value stored beside it; only the same
 * identity with a higher seq is an edit ({@link EditPolicy}).
 *
 * <p>Over a limit, a new value is refused, never made room for by evicting another: whatever
 * rule chose the victim, an attacker could send values that win under it and push out the
 * values of others. Refusal costs only the newcomer, who learns why and can try another storer;
 * and since each source address has only a share of each key once it is three quarters full
 * ({@link StorageLimits#sharedFrom}), one source cannot fill a key for the others.
 * The share is counted per IP address, except on loopback addresses, where it is per IP and port:
 * there every process of the machine has the same IP, and a city of sensors run on one machine
 * (the demo) must not share one quota. That is the one local exemption, and it is explicit: a
 * process on the storer's own machine can open many ports and so take many shares.
 *
 * <p>Signatures are not verified here (the node does that before it stores); the edit policy is
 * enforced on the owner key and seq. Time comes in as epoch milliseconds on the node's clock.
 * One thread owns a storage: it is not thread-safe.
 */
public final class Storage {

    private static final Duration LONGEST_MILLIS = Duration.ofMillis(Long.MAX_VALUE);
    private static final Instant LATEST_MILLIS = Instant.ofEpochMilli(Long.MAX_VALUE);
    private static final Instant EARLIEST_MILLIS = Instant.ofEpochMilli(Long.MIN_VALUE);

    private final StorageLimits limits;
    private final long maxTtlMillis;
    private final Map<InfoHash, KeyValues> byKey = new HashMap<>();
    private final Map<InetAddress, Charged> bySourceAddress = new HashMap<>();
    private final ExpiryQueue expiries = new ExpiryQueue();
    private long valueCount;
    private long totalBytes;

    /** An empty storage that keeps {@code limits}. */
    public Storage(StorageLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.maxTtlMillis = saturatedMillis(limits.maxTtl());
    }

    /** The limits this storage keeps. */
    public StorageLimits limits() {
        return limits;
    }

    /**
     * Stores {@code value} under {@code key} for {@code source}, or says why not; a refusal
     * changes nothing.
     *
     * <p>An identity (id and owner) not yet stored under the key is {@link Added} if the limits
     * allow. The same version again ({@link Value#sameVersionAs}: a copy, or a copy its owner
     * signed anew over a later creation time) is {@link Refreshed}. Another version of a stored
     * identity is an edit, {@link Updated} only if it has a higher seq; the new version is then
     * charged to {@code source} and the old version's charge released. A refresh leaves the charge
     * where it is.
     */
    public StoreOutcome store(InfoHash key, Value value, InetAddress source, long nowMillis) {
        return store(key, value, new InetSocketAddress(Objects.requireNonNull(source, "source"), 0), nowMillis);
    }

    /**
     * Stores {@code value} as {@link #store(InfoHash, Value, InetAddress, long)} does, for the
     * sender at {@code from}: bytes are charged to its IP address, its share of the key to its
     * share ({@link Source}: its IP address, IPv6 /64, or loopback address and port).
     */
    public StoreOutcome store(InfoHash key, Value value, InetSocketAddress from, long nowMillis) {
        return store(key, value, from, nowMillis, Long.MAX_VALUE);
    }

    /**
     * Stores a value saved before a restart, as {@link #store} does, but never beyond the expiry
     * it had then ({@code expiresAtMillis}): a restart must not lengthen a value's life.
     */
    public StoreOutcome restore(InfoHash key, Value value, InetAddress source, long expiresAtMillis, long nowMillis) {
        return store(key, value, new InetSocketAddress(source, 0), nowMillis, expiresAtMillis);
    }

    /** The address charged for the value stored under {@code key} with {@code identity}, if it is stored. */
    public Optional<InetAddress> sourceOf(InfoHash key, ValueIdentity identity) {
        return slot(key, identity).map(s -> s.source);
    }

    private StoreOutcome store(InfoHash key, Value value, InetSocketAddress from, long nowMillis, long notAfterMillis) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(from, "from");
        InetAddress source = from.getAddress();
        Source share = Source.of(from);
        if (value.id() == Value.UNASSIGNED_ID) {
            return new Refused(Refusal.INVALID_VALUE, "value id is unassigned (0); the putting node chooses one");
        }
        if (value.dataLength() > Value.MAX_DATA_BYTES) {
            return new Refused(
                    Refusal.VALUE_TOO_LARGE,
                    "data of " + value.dataLength() + " bytes is over the limit of " + Value.MAX_DATA_BYTES
                            + " bytes per value");
        }
        if (value.ttl().isNegative() || value.ttl().isZero()) {
            return new Refused(Refusal.INVALID_VALUE, "ttl must be positive, got " + value.ttl());
        }
        long expiresAt = Math.min(expiryOf(value, nowMillis), notAfterMillis);
        if (expiresAt <= nowMillis) {
            return new Refused(
                    Refusal.INVALID_VALUE,
                    "expired at " + expiresAt + " ms, now is " + nowMillis + " ms (created " + value.created()
                            + ", ttl " + value.ttl() + ")");
        }
        KeyValues slots = byKey.get(key);
        Slot slot = slots == null ? null : slots.slots.get(value.identity());
        if (slot == null) {
            return add(key, slots, value, source, share, expiresAt);
        }
        if (slot.value.sameVersionAs(value)) {
            return refresh(slot, value, expiresAt);
        }
        Optional<Refused> forbidden = EditPolicy.refusal(slot.value, value);
        if (forbidden.isPresent()) {
            return forbidden.get();
        }
        return update(slots, slot, value, source, share, expiresAt);
    }

    /** The values of {@code key} not expired at {@code nowMillis}, in {@link ValueIdentity} order, as a new list. */
    public List<Value> values(InfoHash key, long nowMillis) {
        return valuesAfter(key, null, nowMillis);
    }

    /**
     * The values of {@code key} not expired at {@code nowMillis} whose identity comes after
     * {@code after} (all of them for {@code null}), in {@link ValueIdentity} order: a page of the
     * key that starts where the last page ended.
     */
    public List<Value> valuesAfter(InfoHash key, ValueIdentity after, long nowMillis) {
        KeyValues slots = byKey.get(key);
        if (slots == null) {
            return List.of();
        }
        Collection<Slot> page = after == null
                ? slots.slots.values()
                : slots.slots.tailMap(after, false).values();
        List<Value> live = new ArrayList<>(page.size());
        for (Slot slot : page) {
            if (slot.expiresAt > nowMillis) {
                live.add(slot.value);
            }
        }
        return Collections.unmodifiableList(live);
    }

    /** The value stored under {@code key} with {@code identity}, if it is not expired at {@code nowMillis}. */
    public Optional<Value> value(InfoHash key, ValueIdentity identity, long nowMillis) {
        return slot(key, identity).filter(s -> s.expiresAt > nowMillis).map(s -> s.value);
    }

    /** The unsigned value stored under {@code key} with {@code id}, if it is not expired at {@code nowMillis}. */
    public Optional<Value> value(InfoHash key, long id, long nowMillis) {
        return value(key, ValueIdentity.unsigned(id), nowMillis);
    }

    /** When the value stored under {@code key} with {@code identity} expires, in epoch milliseconds, if stored. */
    public OptionalLong expiryOf(InfoHash key, ValueIdentity identity) {
        return slot(key, identity).map(s -> OptionalLong.of(s.expiresAt)).orElse(OptionalLong.empty());
    }

    /** When the unsigned value stored under {@code key} with {@code id} expires, if stored. */
    public OptionalLong expiryOf(InfoHash key, long id) {
        return expiryOf(key, ValueIdentity.unsigned(id));
    }

    /** Values the sender at {@code from} holds under {@code key}, counted against its share of the key. */
    public long valuesFrom(InfoHash key, InetSocketAddress from) {
        KeyValues slots = byKey.get(key);
        return slots == null ? 0 : slots.valuesFrom(Source.of(from));
    }

    /**
     * Removes every value whose expiry is at or before {@code nowMillis} and returns them in expiry
     * order, releasing their keys and byte charges.
     */
    public List<ExpiredValue> expire(long nowMillis) {
        List<ExpiredValue> expired = new ArrayList<>();
        for (Slot slot : expiries.drainDue(nowMillis)) {
            KeyValues slots = byKey.get(slot.key);
            slots.slots.remove(slot.value.identity());
            slots.charge(slot.share, -1, -slot.bytes);
            if (slots.slots.isEmpty()) {
                byKey.remove(slot.key);
            }
            release(slot.source, slot.bytes);
            valueCount--;
            expired.add(new ExpiredValue(slot.key, slot.value));
        }
        return expired;
    }

    /** The earliest expiry of any stored value, in epoch milliseconds: when to call {@link #expire} next. */
    public OptionalLong nextExpiry() {
        return expiries.next();
    }

    /** The keys holding at least one value, as an unmodifiable copy. */
    public Set<InfoHash> keys() {
        return Set.copyOf(byKey.keySet());
    }

    /** The number of keys holding at least one value. */
    public int keyCount() {
        return byKey.size();
    }

    /** The number of values stored under all keys. */
    public long valueCount() {
        return valueCount;
    }

    /** The bytes charged for all stored values; see {@link StorageLimits#chargeOf}. */
    public long totalBytes() {
        return totalBytes;
    }

    /** The bytes charged to {@code source} for the values it stored. */
    public long bytesFrom(InetAddress source) {
        Charged charged = bySourceAddress.get(source);
        return charged == null ? 0 : charged.bytes;
    }

    /** Each key's values not expired at {@code nowMillis}, with their remaining time, in key order. */
    public List<KeySnapshot> snapshot(long nowMillis) {
        List<KeySnapshot> snapshot = new ArrayList<>();
        for (Map.Entry<InfoHash, KeyValues> e : new TreeMap<>(byKey).entrySet()) {
            List<KeySnapshot.StoredValue> live = new ArrayList<>();
            for (Slot slot : e.getValue().slots.values()) {
                if (slot.expiresAt > nowMillis) {
                    live.add(new KeySnapshot.StoredValue(slot.value, slot.source, slot.expiresAt - nowMillis));
                }
            }
            if (!live.isEmpty()) {
                snapshot.add(new KeySnapshot(e.getKey(), live));
            }
        }
        return List.copyOf(snapshot);
    }

    /** Entries in the expiry queue, stale ones included; for tests that check it drains. */
    int expiryQueueSize() {
        return expiries.size();
    }

    private StoreOutcome add(
            InfoHash key, KeyValues slots, Value value, InetAddress source, Source share, long expiresAt) {
        if (slots == null && byKey.size() >= limits.maxKeys()) {
            return new Refused(
                    Refusal.STORAGE_FULL,
                    "key limit reached: " + byKey.size() + " of " + limits.maxKeys() + " keys stored");
        }
        if (slots != null && slots.slots.size() >= limits.maxValuesPerKey()) {
            return new Refused(
                    Refusal.STORAGE_FULL,
                    "values per key limit reached: key " + key.shortHex() + " holds " + slots.slots.size() + " of "
                            + limits.maxValuesPerKey() + " values");
        }
        if (slots != null) {
            Optional<Refused> overShare = shareRefusal(key, slots, share);
            if (overShare.isPresent()) {
                return overShare.get();
            }
        }
        long bytes = StorageLimits.chargeOf(value);
        Optional<Refused> overBytes = byteRefusal(slots, source, share, bytes, 0, 0, 0);
        if (overBytes.isPresent()) {
            return overBytes.get();
        }
        KeyValues target = slots;
        if (target == null) {
            target = new KeyValues(key);
            byKey.put(key, target);
        }
        Slot slot =
                new Slot(target.key, value, charge(source, bytes), target.charge(share, 1, bytes), bytes, expiresAt);
        target.slots.put(value.identity(), slot);
        valueCount++;
        expiries.add(slot);
        return new Added(value);
    }

    private StoreOutcome refresh(Slot slot, Value value, long expiresAt) {
        // Never earlier: a replayed copy must not cut short the life a later put gave the value.
        // The expiry queue needs no word: its entry, now early, is moved when it falls due.
        boolean extended = expiresAt > slot.expiresAt;
        if (extended) {
            slot.value = value;
            slot.expiresAt = expiresAt;
        }
        return new Refreshed(slot.value, extended);
    }

    private StoreOutcome update(
            KeyValues slots, Slot slot, Value value, InetAddress source, Source share, long expiresAt) {
        long bytes = StorageLimits.chargeOf(value);
        boolean sameShare = slot.share.equals(share);
        if (!sameShare) {
            Optional<Refused> overShare = shareRefusal(slot.key, slots, share);
            if (overShare.isPresent()) {
                return overShare.get();
            }
        }
        Optional<Refused> overBytes = byteRefusal(
                slots,
                source,
                share,
                bytes,
                slot.bytes,
                slot.source.equals(source) ? slot.bytes : 0,
                sameShare ? slot.bytes : 0);
        if (overBytes.isPresent()) {
            return overBytes.get();
        }
        Value previous = slot.value;
        slots.charge(slot.share, -1, -slot.bytes);
        release(slot.source, slot.bytes);
        slot.value = value;
        slot.source = charge(source, bytes);
        slot.share = slots.charge(share, 1, bytes);
        slot.bytes = bytes;
        slot.expiresAt = expiresAt;
        expiries.rescheduled(slot);
        return new Updated(previous, value);
    }

    private Optional<Refused> shareRefusal(InfoHash key, KeyValues slots, Source share) {
        long held = slots.valuesFrom(share);
        if (held < limits.maxValuesPerKeyPerSource() || !sharedOut(slots)) {
            return Optional.empty();
        }
        return Optional.of(new Refused(
                Refusal.STORAGE_FULL,
                "values per key per source limit reached: "
                        + share + " holds " + held + " of " + limits.maxValuesPerKeyPerSource()
                        + " values of key " + key.shortHex() + ", which holds " + slots.slots.size() + " of "
                        + limits.maxValuesPerKey()));
    }

    /** Whether the key is so full that each source keeps to its share: see {@link StorageLimits#sharedFrom()}. */
    private boolean sharedOut(KeyValues slots) {
        return slots != null && slots.slots.size() >= limits.sharedFrom();
    }

    private Optional<Refused> byteRefusal(
            KeyValues slots,
            InetAddress source,
            Source share,
            long adding,
            long releasedTotal,
            long releasedFromSource,
            long releasedFromShare) {
        long total = totalBytes - releasedTotal + adding;
        if (total > limits.maxTotalBytes()) {
            return Optional.of(new Refused(
                    Refusal.STORAGE_FULL,
                    "total bytes limit reached: storing " + adding + " bytes would make " + total + " of "
                            + limits.maxTotalBytes() + " bytes"));
        }
        long fromSource = bytesFrom(source) - releasedFromSource + adding;
        if (fromSource > limits.maxBytesPerSource()) {
            return Optional.of(new Refused(
                    Refusal.STORAGE_FULL,
                    "bytes per source limit reached: storing "
                            + adding + " bytes would charge " + source.getHostAddress() + " " + fromSource + " of "
                            + limits.maxBytesPerSource() + " bytes"));
        }
        long ofKey = (slots == null ? 0 : slots.bytesFrom(share)) - releasedFromShare + adding;
        if (ofKey > limits.maxBytesPerKeyPerSource() && sharedOut(slots)) {
            return Optional.of(new Refused(
                    Refusal.STORAGE_FULL,
                    "bytes per key per source limit reached: "
                            + "storing " + adding + " bytes would charge " + share + " " + ofKey + " of "
                            + limits.maxBytesPerKeyPerSource() + " bytes of the key"));
        }
        return Optional.empty();
    }

    /** Charges {@code bytes} to {@code source}; returns the instance of the address held for it. */
    private InetAddress charge(InetAddress source, long bytes) {
        Charged charged = bySourceAddress.computeIfAbsent(source, Charged::new);
        charged.bytes += bytes;
        totalBytes += bytes;
        return charged.address;
    }

    private void release(InetAddress source, long bytes) {
        Charged charged = bySourceAddress.get(source);
        charged.bytes -= bytes;
        // Drop a source at zero so that the map does not keep every address that ever stored.
        if (charged.bytes == 0) {
            bySourceAddress.remove(source);
        }
        totalBytes -= bytes;
    }

    private Optional<Slot> slot(InfoHash key, ValueIdentity identity) {
        KeyValues slots = byKey.get(key);
        return Optional.ofNullable(slots == null ? null : slots.slots.get(identity));
    }

    private long expiryOf(Value value, long nowMillis) {
        long start = value.created().equals(Instant.EPOCH) ? nowMillis : saturatedEpochMillis(value.created());
        return Math.min(saturatedAdd(start, saturatedMillis(value.ttl())), saturatedAdd(nowMillis, maxTtlMillis));
    }

    private static long saturatedMillis(Duration d) {
        return d.compareTo(LONGEST_MILLIS) >= 0 ? Long.MAX_VALUE : d.toMillis();
    }

    private static long saturatedEpochMillis(Instant t) {
        if (t.isAfter(LATEST_MILLIS)) {
            return Long.MAX_VALUE;
        }
        return t.isBefore(EARLIEST_MILLIS) ? Long.MIN_VALUE : t.toEpochMilli();
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        // Overflow happened iff both operands have the same sign and the sum's sign differs.
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }

    /** The bytes charged to one source address, with the one instance of the address its slots refer to. */
    private static final class Charged {
        final InetAddress address;
        long bytes;

        Charged(InetAddress address) {
            this.address = address;
        }
    }
}

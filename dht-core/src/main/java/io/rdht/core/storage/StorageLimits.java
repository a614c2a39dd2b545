package io.rdht.core.storage;

import io.rdht.core.Value;
import java.time.Duration;
import java.util.Objects;

/**
 * The bounds a {@link Storage} keeps: values per key, keys, bytes in total and per source address,
 * values and bytes per key for each source address, and the longest time a value may live.
 *
 * <p>Threat-model note: without a share per source, one address filled a key (1,024 tiny values
 * in about a second) and every later source was refused with {@code STORAGE_FULL}. Once a key
 * holds {@link #sharedFrom()} values (three quarters of it), a source that already holds
 * {@link #maxValuesPerKeyPerSource} values or {@link #maxBytesPerKeyPerSource} bytes of it stores
 * no more there: the last quarter is kept for sources below their share (by default 256 new
 * one-value sensors, or 4 sources of 64), and filling the key takes several addresses that each
 * receive datagrams (a put needs a token bound to its address). Below three quarters no share
 * applies, so that a storer re-publishing a key's values to a new storer (one source, many
 * values) is not refused; a key fuller than that replicates to new storers only in part. A
 * source is an IP address, an IPv6 /64, or a loopback address and port ({@code routing.Source});
 * an attacker with many addresses is not stopped by this alone.
 *
 * <p>Bytes are counted with {@link #chargeOf(Value)}: the data, the content type, the owner key,
 * signature and recipient key, plus {@value #VALUE_OVERHEAD_BYTES} bytes for what every stored
 * value costs besides: its object and the objects of its fields, its slot, its map and expiry
 * entries. So {@link #maxTotalBytes} bounds the heap the stored values take, for values of any
 * size: filled with one-byte values decoded from datagrams, a storage kept 0.77 (unsigned) and
 * 0.90 (signed) of its charge in heap ({@code StorageMemoryTest}; docs/SECURITY.md, "Storage").
 * The keys' own bookkeeping, up to {@link #maxKeys} of them, comes on top: about 350 bytes a key.
 *
 * @param maxValuesPerKey   most values stored under one key
 * @param maxKeys           most keys stored
 * @param maxTotalBytes     most bytes stored for all sources together
 * @param maxBytesPerSource most bytes stored for one source address
 * @param maxTtl            the longest a value lives here, whatever TTL it asks for
 * @param maxValuesPerKeyPerSource most values one source address adds to a key three quarters full
 * @param maxBytesPerKeyPerSource  most bytes one source address holds of a key three quarters full
 */
public record StorageLimits(
        int maxValuesPerKey,
        int maxKeys,
        long maxTotalBytes,
        long maxBytesPerSource,
        Duration maxTtl,
        int maxValuesPerKeyPerSource,
        long maxBytesPerKeyPerSource) {

    /**
     * Bytes added to every value's charge for what it costs besides its variable fields. Measured
     * for a value decoded from a datagram, without the JVM's compact object headers: 339 bytes
     * unsigned, 391 signed (the owner key's and the signature's arrays); 448 leaves room for the
     * alignment of odd sizes and for the growth of the maps' and the expiry queue's arrays.
     */
    public static final int VALUE_OVERHEAD_BYTES = 448;

    /** Checks every setting, naming the first bad one. */
    public StorageLimits {
        atLeastOne("maxValuesPerKey", maxValuesPerKey);
        atLeastOne("maxKeys", maxKeys);
        atLeastOne("maxTotalBytes", maxTotalBytes);
        atLeastOne("maxBytesPerSource", maxBytesPerSource);
        Objects.requireNonNull(maxTtl, "maxTtl");
        if (maxTtl.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("maxTtl must be ≥ 1 ms, got " + maxTtl);
        }
        atLeastOne("maxValuesPerKeyPerSource", maxValuesPerKeyPerSource);
        atLeastOne("maxBytesPerKeyPerSource", maxBytesPerKeyPerSource);
    }

    /**
     * Limits without a share of a key per source: one source may use all of {@code maxValuesPerKey}
     * and, under one key, all of {@code maxBytesPerSource}.
     */
    public StorageLimits(
            int maxValuesPerKey, int maxKeys, long maxTotalBytes, long maxBytesPerSource, Duration maxTtl) {
        this(maxValuesPerKey, maxKeys, maxTotalBytes, maxBytesPerSource, maxTtl, maxValuesPerKey, maxBytesPerSource);
    }

    /**
     * 1,024 values per key, 65,536 keys, 256 MiB in total, 32 MiB per source, 24 h at most; of a
     * key three quarters full, 64 values and 1 MiB per source (a sixteenth of the key).
     */
    public static StorageLimits defaults() {
        return new StorageLimits(1024, 65_536, 256L << 20, 32L << 20, Duration.ofHours(24), 64, 1L << 20);
    }

    /**
     * How many values a key holds before each source keeps to its share: three quarters of
     * {@link #maxValuesPerKey}, rounded down.
     */
    public int sharedFrom() {
        return maxValuesPerKey - maxValuesPerKey / 4;
    }

    /** These limits with a share of each key per source of {@code values} values and {@code bytes} bytes. */
    public StorageLimits withPerKeyPerSource(int values, long bytes) {
        return new StorageLimits(maxValuesPerKey, maxKeys, maxTotalBytes, maxBytesPerSource, maxTtl, values, bytes);
    }

    /**
     * The bytes a value counts against the byte limits: data length + content type length (in
     * characters) + owner, signature and recipient lengths + {@value #VALUE_OVERHEAD_BYTES}.
     */
    public static long chargeOf(Value value) {
        return (long) value.dataLength()
                + value.contentType().length()
                + lengthOf(value.owner())
                + lengthOf(value.signature())
                + lengthOf(value.recipient())
                + VALUE_OVERHEAD_BYTES;
    }

    private static int lengthOf(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static void atLeastOne(String setting, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(setting + " must be ≥ 1, got " + value);
        }
    }
}

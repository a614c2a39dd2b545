package io.rdht.core.storage;

import io.rdht.core.Value;
import java.time.Duration;
import java.util.Objects;

/**
 * The bounds a {@link Storage} keeps: values per key, keys, bytes in total and per source address,
 * and the longest time a value may live.
 *
 * <p>Bytes are counted with {@link #chargeOf(Value)}: the data, the content type, the owner key,
 * signature and recipient key, plus {@value #VALUE_OVERHEAD_BYTES} bytes for what every stored
 * value costs besides (its object, its fixed fields, its map entry and expiry entry). The figure
 * is a budget that grows with what a sender controls, not a measurement of the heap.
 *
 * @param maxValuesPerKey   most values stored under one key
 * @param maxKeys           most keys stored
 * @param maxTotalBytes     most bytes stored for all sources together
 * @param maxBytesPerSource most bytes stored for one source address
 * @param maxTtl            the longest a value lives here, whatever TTL it asks for
 */
public record StorageLimits(int maxValuesPerKey, int maxKeys, long maxTotalBytes, long maxBytesPerSource,
        Duration maxTtl) {

    /** Bytes added to every value's charge for what it costs besides its variable fields. */
    public static final int VALUE_OVERHEAD_BYTES = 64;

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
    }

    /** 1,024 values per key, 65,536 keys, 256 MiB in total, 32 MiB per source, 24 h at most. */
    public static StorageLimits defaults() {
        return new StorageLimits(1024, 65_536, 256L << 20, 32L << 20, Duration.ofHours(24));
    }

    /**
     * The bytes a value counts against the byte limits: data length + content type length (in
     * characters) + owner, signature and recipient lengths + {@value #VALUE_OVERHEAD_BYTES}.
     */
    public static long chargeOf(Value value) {
        return (long) value.dataLength() + value.contentType().length() + lengthOf(value.owner())
                + lengthOf(value.signature()) + lengthOf(value.recipient()) + VALUE_OVERHEAD_BYTES;
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

package io.rdht.core.storage;

import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/** Fixed times, keys, addresses and values shared by the storage tests. */
final class StorageFixtures {

    static final long NOW = 1_700_000_000_000L;
    static final Instant NOW_INSTANT = Instant.ofEpochMilli(NOW);
    static final InfoHash KEY = InfoHash.of("pollution_level");
    static final InfoHash OTHER_KEY = InfoHash.of("luigi");
    static final InetAddress SOURCE = address(1);
    static final InetAddress OTHER_SOURCE = address(2);
    static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    private StorageFixtures() {}

    /** 10.0.0.{@code last}, built without a name lookup. */
    static InetAddress address(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {10, 0, (byte) (last >>> 8), (byte) last});
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes are always an address", e);
        }
    }

    /** An unsigned text value with no creation time. */
    static Value unsigned(long id, long seq, String text, Duration ttl) {
        return Value.builder()
                .id(id)
                .seq(seq)
                .text(text)
                .contentType(Value.TEXT_PLAIN)
                .ttl(ttl)
                .build();
    }

    /** An unsigned text value living ten minutes. */
    static Value unsigned(long id, String text) {
        return unsigned(id, 0, text, TEN_MINUTES);
    }

    /** A value that looks signed by owner number {@code owner}; storage does not verify signatures. */
    static Value signed(long id, long seq, int owner, String text) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) owner);
        byte[] signature = new byte[64];
        Arrays.fill(signature, (byte) (seq * 31 + text.hashCode()));
        return Value.builder()
                .id(id)
                .seq(seq)
                .text(text)
                .contentType(Value.TEXT_PLAIN)
                .ttl(TEN_MINUTES)
                .owner(key)
                .signature(signature)
                .build();
    }

    static StorageLimits limits(int valuesPerKey, int keys, long totalBytes, long bytesPerSource) {
        return new StorageLimits(valuesPerKey, keys, totalBytes, bytesPerSource, Duration.ofHours(24));
    }
}

package io.rdht.jmh;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import io.rdht.core.wire.Token;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Ids, contacts, tokens and values shaped like the ones a node handles, from a seeded random
 * source: IPv4 contacts, 16-byte write tokens, and readings of {@value #DATA_BYTES} bytes with an
 * id and a creation time, as a sensor puts them.
 */
final class Samples {

    /** The benchmarks' "now", in epoch milliseconds. */
    static final long NOW_MILLIS = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    /** Data bytes of each reading. */
    static final int DATA_BYTES = 200;
    /** Time to live of each reading: the library's default. */
    static final Duration TTL = Value.DEFAULT_TTL;
    /** Bytes of a write token, as a node issues them. */
    private static final int TOKEN_BYTES = 16;

    private static final int FIRST_EPHEMERAL_PORT = 49_152;

    private final SplittableRandom random;

    /** Samples drawn from a random source seeded with {@code seed}. */
    Samples(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A random node id or key. */
    InfoHash id() {
        return InfoHash.random(random);
    }

    /** A node with a random id at a random IPv4 address and ephemeral port. */
    NodeInfo contact() {
        return new NodeInfo(
                id(),
                new InetSocketAddress(ipv4(), FIRST_EPHEMERAL_PORT + random.nextInt(65_536 - FIRST_EPHEMERAL_PORT)));
    }

    /** {@code count} random contacts. */
    List<NodeInfo> contacts(int count) {
        List<NodeInfo> contacts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            contacts.add(contact());
        }
        return contacts;
    }

    /** A random IPv4 address. */
    InetAddress ipv4() {
        try {
            return InetAddress.getByAddress(bytes(4));
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes make an IPv4 address", e);
        }
    }

    /** A random transaction id, as a requester picks one. */
    long transactionId() {
        return random.nextLong();
    }

    /** A random write token of the length nodes issue. */
    Token token() {
        return Token.of(bytes(TOKEN_BYTES));
    }

    /**
     * An unsigned reading: a random id, {@value #DATA_BYTES} random bytes, the default TTL, created
     * up to one TTL before {@link #NOW_MILLIS} so that readings expire in no particular order.
     */
    Value reading() {
        return Value.builder()
                .id(random.nextLong())
                .seq(0)
                .data(bytes(DATA_BYTES))
                .contentType(Value.OCTET_STREAM)
                .ttl(TTL)
                .created(Instant.ofEpochMilli(NOW_MILLIS - random.nextLong(TTL.toMillis())))
                .build();
    }

    private byte[] bytes(int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }
}

package io.rdht.core.wire;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import io.rdht.core.ValueIdentity;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Messages, values and contacts for wire tests, built from a seeded random source. */
final class WireTestData {
    static final int NETWORK = 0x7a11_0001;

    private final SplittableRandom random;

    WireTestData(long seed) {
        this.random = new SplittableRandom(seed);
    }

    SplittableRandom random() {
        return random;
    }

    InfoHash id() {
        return InfoHash.random(random);
    }

    byte[] bytes(int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    Token token() {
        return Token.of(bytes(random.nextInt(WireLimits.MAX_TOKEN_BYTES + 1)));
    }

    NodeInfo contact() {
        byte[] ip = bytes(random.nextBoolean() ? Layout.IPV4_BYTES : Layout.IPV6_BYTES);
        return new NodeInfo(id(), new InetSocketAddress(address(ip), 1 + random.nextInt(Layout.MAX_PORT)));
    }

    List<NodeInfo> contacts(int n) {
        List<NodeInfo> contacts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            contacts.add(contact());
        }
        return contacts;
    }

    /** A value with random fields; owner, signature and recipient each present or null at random. */
    Value value(int dataBytes) {
        return Value.builder()
                .id(random.nextLong())
                .seq(random.nextLong())
                .data(bytes(dataBytes))
                .contentType(random.nextBoolean() ? Value.OCTET_STREAM : "text/plain; charset=utf-8 ✓")
                .ttl(Duration.ofMillis(1 + random.nextLong(Long.MAX_VALUE)))
                .created(Instant.ofEpochMilli(random.nextLong(4_000_000_000_000L)))
                .owner(random.nextBoolean() ? bytes(WireLimits.PUBLIC_KEY_BYTES) : null)
                .signature(random.nextBoolean() ? bytes(WireLimits.SIGNATURE_BYTES) : null)
                .recipient(random.nextBoolean() ? bytes(WireLimits.PUBLIC_KEY_BYTES) : null)
                .build();
    }

    /** A value identity, signed or not at random. */
    ValueIdentity identity() {
        return new ValueIdentity(random.nextLong(), random.nextBoolean() ? bytes(WireLimits.PUBLIC_KEY_BYTES) : null);
    }

    List<Value> values(int n, int dataBytes) {
        List<Value> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(value(dataBytes));
        }
        return values;
    }

    List<Long> longs(int n) {
        List<Long> longs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            longs.add(random.nextLong());
        }
        return longs;
    }

    Envelope envelope(Body body) {
        return new Envelope(random.nextInt(), random.nextLong(), id(), body);
    }

    /** One small message of every kind. */
    List<Envelope> oneOfEachKind() {
        return List.of(
                envelope(new Ping()),
                envelope(new FindNode(id())),
                envelope(GetValues.firstPage(id())),
                envelope(new GetValues(id(), token(), identity())),
                envelope(new Listen(
                        id(),
                        token(),
                        random.nextLong(),
                        List.of(
                                new ValueVersion(identity(), random.nextLong(), random.nextLong(1L << 42)),
                                new ValueVersion(ValueIdentity.unsigned(random.nextLong()), -1, 0)),
                        identity())),
                envelope(new Listen(id(), token(), random.nextLong(), List.of(), null)),
                envelope(new Listen(
                        id(), token(), random.nextLong(), List.of(), null, WireLimits.MAX_PUSH_DELAY_MILLIS)),
                envelope(new PutValues(id(), token(), values(2, 40))),
                envelope(new Pong()),
                envelope(new Nodes(contacts(8), token())),
                envelope(new ValuesFound(values(3, 20), contacts(4), token(), random.nextBoolean())),
                envelope(new Stored(
                        longs(2),
                        List.of(
                                new Stored.Rejection(random.nextLong(), ErrorCode.STORAGE_FULL, "full"),
                                new Stored.Rejection(-1, ErrorCode.BAD_TOKEN, "")))),
                envelope(new ErrorReply(ErrorCode.RATE_LIMITED, "slow down")),
                envelope(new Fragment(random.nextLong(), 1, 3, bytes(100))));
    }

    static InetAddress address(byte[] ip) {
        try {
            return InetAddress.getByAddress(ip);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes make an address", e);
        }
    }
}

package io.rdht.core.wire;

import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An endless, seeded stream of hostile datagrams: random bytes, random CBOR of the wrong shapes,
 * and mutations (bit flips, truncation, insertion, deletion, splicing) of valid messages of every
 * kind, fragments included. Shared by the codec's fuzz test and the node's.
 */
public final class HostileDatagrams {
    private static final byte[] INTERESTING = Cbor.bytes(
            0x00, 0x01, 0x17, 0x18, 0x1b, 0x20, 0x3b, 0x40, 0x54, 0x5a, 0x5f, 0x7f, 0x80, 0x85, 0x9f, 0xa1, 0xc2, 0xf4,
            0xf6, 0xf7, 0xf9, 0xfb, 0xff);

    private final SplittableRandom random;
    private final Integer networkId;
    private final List<byte[]> corpus;
    private long count;

    /**
     * A stream from {@code seed}; the valid messages it mutates carry {@code networkId}, or random
     * network ids when it is null.
     */
    public HostileDatagrams(long seed, Integer networkId) {
        this.random = new SplittableRandom(seed);
        this.networkId = networkId;
        this.corpus = corpus();
    }

    /** The next datagram: one in five random bytes, one in five random CBOR, the rest mutations. */
    public byte[] next() {
        return switch ((int) (count++ % 5)) {
            case 0 -> randomBytes();
            case 1 -> randomCbor();
            default -> mutate(corpus);
        };
    }

    /** Valid encodings of every kind, of several sizes, and the fragments of two larger messages. */
    private List<byte[]> corpus() {
        WireCodec codec = new WireCodec();
        Fragmenter fragmenter = new Fragmenter(codec);
        List<byte[]> corpus = new ArrayList<>();
        for (long seed = 0; seed < 8; seed++) {
            WireTestData data = new WireTestData(seed);
            data.oneOfEachKind().forEach(e -> corpus.add(codec.encode(onNetwork(e))));
            corpus.add(codec.encode(onNetwork(
                    data.envelope(new ValuesFound(data.values(6, 16), data.contacts(16), data.token(), true)))));
        }
        WireTestData data = new WireTestData(99);
        corpus.addAll(fragmenter.split(
                onNetwork(data.envelope(new PutValues(data.id(), data.token(), data.values(1, 3_000)))), 1));
        corpus.addAll(fragmenter.split(
                onNetwork(data.envelope(new ValuesFound(data.values(30, 100), data.contacts(10), data.token(), false))),
                2));
        return corpus;
    }

    private Envelope onNetwork(Envelope e) {
        return networkId == null ? e : new Envelope(networkId, e.transactionId(), e.sender(), e.body());
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(120)];
        random.nextBytes(bytes);
        if (bytes.length > 2 && random.nextBoolean()) {
            bytes[0] = (byte) (0x85 + random.nextInt(5)); // an array of 5 to 9 items
            bytes[1] = 0x01; // the right version, to get past the first check
        }
        return bytes;
    }

    private byte[] mutate(List<byte[]> corpus) {
        byte[] bytes = corpus.get(random.nextInt(corpus.size()));
        int mutations = random.nextInt(4); // sometimes none: valid fragments must flow too
        for (int m = 0; m < mutations; m++) {
            bytes = mutateOnce(bytes, corpus);
        }
        return bytes;
    }

    private byte[] mutateOnce(byte[] bytes, List<byte[]> corpus) {
        if (bytes.length == 0) {
            return bytes;
        }
        int at = random.nextInt(bytes.length);
        return switch (random.nextInt(7)) {
            case 0 -> {
                byte[] flipped = bytes.clone();
                flipped[at] ^= (byte) (1 << random.nextInt(8));
                yield flipped;
            }
            case 1 -> {
                byte[] replaced = bytes.clone();
                replaced[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                yield replaced;
            }
            case 2 -> Arrays.copyOf(bytes, at);
            case 3 -> {
                byte[] inserted = new byte[1 + random.nextInt(8)];
                random.nextBytes(inserted);
                yield Cbor.concat(Arrays.copyOf(bytes, at), inserted, Arrays.copyOfRange(bytes, at, bytes.length));
            }
            case 4 ->
                Cbor.concat(
                        Arrays.copyOf(bytes, at),
                        Arrays.copyOfRange(bytes, Math.min(bytes.length, at + 1 + random.nextInt(8)), bytes.length));
            case 5 -> {
                byte[] other = corpus.get(random.nextInt(corpus.size()));
                yield Cbor.concat(
                        Arrays.copyOf(bytes, at),
                        Arrays.copyOfRange(other, random.nextInt(other.length), other.length));
            }
            default -> {
                int end = Math.min(bytes.length, at + 1 + random.nextInt(16));
                yield Cbor.concat(Arrays.copyOf(bytes, end), Arrays.copyOfRange(bytes, at, bytes.length));
            }
        };
    }

    /** A random CBOR item; half the time a message array with a valid header and random fields. */
    private byte[] randomCbor() {
        return Cbor.of(g -> {
            if (random.nextBoolean()) {
                int fields = random.nextInt(10);
                Cbor.header(g, Kind.HEADER_FIELDS + fields, Kind.values()[random.nextInt(Kind.values().length)]);
                for (int i = 0; i < fields; i++) {
                    randomItem(g, 3);
                }
                g.writeEndArray();
            } else {
                randomItem(g, 4);
            }
        });
    }

    private void randomItem(CBORGenerator g, int depth) throws IOException {
        switch (random.nextInt(depth > 0 ? 12 : 9)) {
            case 0 -> g.writeNumber(random.nextLong());
            case 1 -> g.writeNumber(random.nextInt(30) - 5);
            case 2 -> g.writeNumber(random.nextDouble() * 100);
            case 3 -> g.writeString("t".repeat(random.nextInt(40)));
            case 4 -> g.writeBinary(new byte[List.of(0, 4, 16, 20, 32, 64).get(random.nextInt(6))]);
            case 5 -> g.writeNull();
            case 6 -> g.writeBoolean(random.nextBoolean());
            case 7 -> g.writeNumberUnsigned(random.nextLong());
            case 8 -> {
                g.writeTag(random.nextInt(300));
                g.writeNumber(random.nextInt(100));
            }
            case 9, 10 -> {
                int n = random.nextInt(10);
                g.writeStartArray(null, n);
                for (int i = 0; i < n; i++) {
                    randomItem(g, depth - 1);
                }
                g.writeEndArray();
            }
            default -> {
                int n = random.nextInt(4);
                g.writeStartObject(n);
                for (int i = 0; i < n; i++) {
                    g.writeFieldName("k" + i);
                    randomItem(g, depth - 1);
                }
                g.writeEndObject();
            }
        }
    }
}

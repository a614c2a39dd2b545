package io.rdht.core.engine;

import io.rdht.core.InfoHash;
import io.rdht.core.wire.Body;
import io.rdht.core.wire.Envelope;
import io.rdht.core.wire.Fragmenter;
import io.rdht.core.wire.WireCodec;
import io.rdht.core.wire.WireLimits;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.random.RandomGenerator;

/** Encodes messages, splits those too large for one datagram, and hands the datagrams to the edge. */
final class Outbox {

    private final EngineEnvironment env;
    private final WireCodec codec;
    private final Fragmenter fragmenter;
    private final int networkId;
    private final boolean readOnly;
    private boolean bothFamilies;
    private final InfoHash self;
    private final RandomGenerator random;
    private final NodeStats stats;

    Outbox(
            EngineEnvironment env,
            WireCodec codec,
            int networkId,
            boolean readOnly,
            InfoHash self,
            RandomGenerator random,
            NodeStats stats) {
        this.env = env;
        this.codec = codec;
        this.fragmenter = new Fragmenter(codec);
        this.networkId = networkId;
        this.readOnly = readOnly;
        this.self = self;
        this.random = random;
        this.stats = stats;
    }

    /** Marks every message from now on as from a node that serves both address families. */
    void bothFamilies(boolean both) {
        this.bothFamilies = both;
    }

    /** The datagrams of one message, ready to send (and to re-send as they are). */
    List<byte[]> datagrams(long transactionId, Body body) {
        return fragmenter.split(
                new Envelope(networkId, transactionId, self, body, readOnly, bothFamilies), random.nextLong());
    }

    /**
     * Bytes {@code body} takes on the wire as a reply to {@code transactionId}: its encoding, plus
     * the fragments' own envelopes when it must be split (counted at their most).
     */
    int wireBytes(long transactionId, Body body) {
        int encoded = codec.encode(new Envelope(networkId, transactionId, self, body, readOnly, bothFamilies)).length;
        if (encoded <= WireLimits.DATAGRAM_PAYLOAD) {
            return encoded;
        }
        int fragments = (encoded + Fragmenter.CHUNK_BYTES - 1) / Fragmenter.CHUNK_BYTES;
        return encoded + fragments * (WireLimits.DATAGRAM_PAYLOAD - Fragmenter.CHUNK_BYTES);
    }

    /** Sends datagrams made by {@link #datagrams}. */
    void send(InetSocketAddress to, List<byte[]> datagrams) {
        for (byte[] d : datagrams) {
            stats.sent(d.length);
            env.send(to, d);
        }
    }

    /** Encodes and sends one message. */
    void send(InetSocketAddress to, long transactionId, Body body) {
        send(to, datagrams(transactionId, body));
    }
}

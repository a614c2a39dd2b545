package io.rdht.core.engine;

import io.rdht.core.InfoHash;
import io.rdht.core.wire.Body;
import io.rdht.core.wire.Envelope;
import io.rdht.core.wire.Fragmenter;
import io.rdht.core.wire.WireCodec;
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
        return fragmenter.split(envelope(transactionId, body), random.nextLong());
    }

    /** The encoding of one message, whole: {@link #wireBytes} tells its size on the wire, {@link #sendEncoded} sends it. */
    byte[] encode(long transactionId, Body body) {
        return codec.encode(envelope(transactionId, body));
    }

    /**
     * Bytes {@code body} takes on the wire as a reply to {@code transactionId}: its encoding, plus
     * the fragments' own envelopes when it must be split (counted at their most).
     */
    int wireBytes(long transactionId, Body body) {
        return Fragmenter.wireBytes(encode(transactionId, body).length);
    }

    /** Sends the message {@code encoded}, made by {@link #encode} of {@code body}, split as it needs. */
    void sendEncoded(InetSocketAddress to, long transactionId, Body body, byte[] encoded) {
        send(to, fragmenter.split(envelope(transactionId, body), encoded, random.nextLong()));
    }

    private Envelope envelope(long transactionId, Body body) {
        return new Envelope(networkId, transactionId, self, body, readOnly, bothFamilies);
    }

    /** Sends datagrams made by {@link #datagrams}. */
    void send(InetSocketAddress to, List<byte[]> datagrams) {
        for (byte[] d : datagrams) {
            stats.sent(d.length);
            env.send(to, d);
        }
    }
}

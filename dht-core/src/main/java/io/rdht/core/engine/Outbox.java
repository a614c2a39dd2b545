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
    private final Fragmenter fragmenter;
    private final int networkId;
    private final boolean readOnly;
    private final InfoHash self;
    private final RandomGenerator random;
    private final NodeStats stats;

    Outbox(EngineEnvironment env, WireCodec codec, int networkId, boolean readOnly, InfoHash self,
           RandomGenerator random, NodeStats stats) {
        this.env = env;
        this.fragmenter = new Fragmenter(codec);
        this.networkId = networkId;
        this.readOnly = readOnly;
        this.self = self;
        this.random = random;
        this.stats = stats;
    }

    /** The datagrams of one message, ready to send (and to re-send as they are). */
    List<byte[]> datagrams(long transactionId, Body body) {
        return fragmenter.split(new Envelope(networkId, transactionId, self, body, readOnly), random.nextLong());
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

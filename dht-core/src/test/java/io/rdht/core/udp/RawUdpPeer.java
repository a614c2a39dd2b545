package io.rdht.core.udp;

import io.rdht.core.InfoHash;
import io.rdht.core.wire.Body;
import io.rdht.core.wire.Envelope;
import io.rdht.core.wire.Fragment;
import io.rdht.core.wire.MalformedMessageException;
import io.rdht.core.wire.Reassembler;
import io.rdht.core.wire.WireCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * An attacker's socket on 127.0.0.1: encodes messages with the codec and sends them from a plain
 * {@link DatagramSocket}, with none of a node's behaviour, and reads what comes back.
 */
final class RawUdpPeer implements AutoCloseable {

    private static final int RECEIVE_TIMEOUT_MILLIS = 5_000;

    private final DatagramSocket socket;
    private final WireCodec codec = new WireCodec();
    private final Reassembler reassembler = new Reassembler();
    private final InfoHash id;
    private final int networkId;

    RawUdpPeer(int networkId, long seed) {
        this.networkId = networkId;
        this.id = InfoHash.random(new SplittableRandom(seed));
        try {
            socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
            socket.setSoTimeout(RECEIVE_TIMEOUT_MILLIS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The datagram that carries {@code body} as transaction {@code transactionId}. */
    byte[] encode(long transactionId, Body body) {
        return codec.encode(new Envelope(networkId, transactionId, id, body));
    }

    /** Sends {@code datagram} to {@code to}. */
    void send(InetSocketAddress to, byte[] datagram) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The next datagram that arrives, decoded as a whole message, with its size; empty if nothing
     * arrives within five seconds.
     */
    Optional<Received> receive() {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] datagram = Arrays.copyOf(buffer, packet.getLength());
        Envelope envelope = decode(datagram);
        Envelope whole = envelope.body() instanceof Fragment f
                ? reassembler
                        .accept((InetSocketAddress) packet.getSocketAddress(), f, 0)
                        .map(this::decode)
                        .orElse(null)
                : envelope;
        return Optional.of(new Received(envelope.transactionId(), datagram.length, whole));
    }

    private Envelope decode(byte[] bytes) {
        try {
            return codec.decode(bytes);
        } catch (MalformedMessageException e) {
            throw new AssertionError("the node sent a malformed message", e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }

    /**
     * One datagram received.
     *
     * @param transactionId the transaction it belongs to
     * @param bytes         its size
     * @param message       the whole message it completes, or null for a fragment of one still incomplete
     */
    record Received(long transactionId, int bytes, Envelope message) {}
}

package io.rdht.core.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a message into the datagrams that carry it: the message itself if it fits in
 * {@link WireLimits#DATAGRAM_PAYLOAD}, else {@link Fragment}s of its encoding, each in an envelope
 * with the message's network id, transaction id and sender. Thread-safe.
 */
public final class Fragmenter {
    /**
     * Bytes of the message one fragment carries: the datagram payload less 64 bytes for the
     * fragment's own envelope, which takes at most 55.
     */
    public static final int CHUNK_BYTES = WireLimits.DATAGRAM_PAYLOAD - 64;

    private final WireCodec codec;

    /** Creates a fragmenter that encodes with {@code codec}. */
    public Fragmenter(WireCodec codec) {
        this.codec = codec;
    }

    /**
     * Encodes {@code message} into datagrams of at most {@link WireLimits#DATAGRAM_PAYLOAD} bytes.
     *
     * @param messageId names the fragments of this message for the receiver; the caller picks it
     *                  at random so that concurrent messages from one node do not mix
     * @throws IllegalArgumentException if the message cannot be encoded or exceeds
     *                                  {@link WireLimits#MAX_MESSAGE_BYTES}
     */
    public List<byte[]> split(Envelope message, long messageId) {
        return split(message, codec.encode(message), messageId);
    }

    /**
     * The datagrams of {@code message}, whose encoding {@code encoded} is already at hand (as
     * {@link WireCodec#encode} made it): the same as {@link #split(Envelope, long)}, without
     * encoding the message again.
     *
     * @throws IllegalArgumentException if the message is a fragment too large for one datagram
     */
    public List<byte[]> split(Envelope message, byte[] encoded, long messageId) {
        if (encoded.length <= WireLimits.DATAGRAM_PAYLOAD) {
            return List.of(encoded);
        }
        if (message.body() instanceof Fragment) {
            throw new IllegalArgumentException("a fragment of " + encoded.length + " bytes is never split again");
        }
        int count = (encoded.length + CHUNK_BYTES - 1) / CHUNK_BYTES;
        List<byte[]> datagrams = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            int from = index * CHUNK_BYTES;
            byte[] chunk = Arrays.copyOfRange(encoded, from, Math.min(from + CHUNK_BYTES, encoded.length));
            Fragment fragment = new Fragment(messageId, index, count, chunk);
            datagrams.add(codec.encode(new Envelope(
                    message.networkId(),
                    message.transactionId(),
                    message.sender(),
                    fragment,
                    message.readOnly(),
                    message.bothFamilies())));
        }
        return datagrams;
    }

    /**
     * Bytes a message whose encoding takes {@code encodedBytes} takes on the wire: that, plus the
     * fragments' own envelopes when it must be split (counted at their most).
     */
    public static int wireBytes(int encodedBytes) {
        if (encodedBytes <= WireLimits.DATAGRAM_PAYLOAD) {
            return encodedBytes;
        }
        int fragments = (encodedBytes + CHUNK_BYTES - 1) / CHUNK_BYTES;
        return encodedBytes + fragments * (WireLimits.DATAGRAM_PAYLOAD - CHUNK_BYTES);
    }
}

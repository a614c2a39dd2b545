package io.rdht.core.wire;

/**
 * Encodes {@link Envelope}s to CBOR (each item in its shortest form, {@link CborWriter}) and
 * decodes them strictly ({@link CborReader}), in the layout of docs/PROTOCOL.md. Thread-safe; one instance can serve a whole process.
 *
 * <p>Decoding is bounded: nothing longer than {@link WireLimits#MAX_MESSAGE_BYTES} is parsed,
 * nesting stops at {@link WireLimits#MAX_NESTING}, every count and length is checked against its
 * limit and against the bytes present before anything is allocated for it, and any input that is
 * not exactly a message of this protocol ends in a {@link MalformedMessageException}.
 */
public final class WireCodec {
    private static final int INITIAL_OUTPUT_BYTES = 256;

    /** Creates a codec. */
    public WireCodec() {}

    /**
     * Encodes a message.
     *
     * @throws IllegalArgumentException if the message holds content a peer must refuse (a value
     *     with a TTL under 1 ms, a key of the wrong length, oversized data) or encodes to more than
     *     {@link WireLimits#MAX_MESSAGE_BYTES}
     */
    public byte[] encode(Envelope message) {
        CborWriter out = new CborWriter(INITIAL_OUTPUT_BYTES);
        MessageEncoder.write(out, message);
        if (out.size() > WireLimits.MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException(
                    "message of " + out.size() + " bytes exceeds " + WireLimits.MAX_MESSAGE_BYTES);
        }
        return out.toByteArray();
    }

    /**
     * Decodes one whole message: a datagram, or the joined fragments of a larger message.
     *
     * @throws MalformedMessageException for any input that is not exactly one valid message
     */
    public Envelope decode(byte[] message) throws MalformedMessageException {
        if (message.length > WireLimits.MAX_MESSAGE_BYTES) {
            throw new MalformedMessageException(
                    "message of " + message.length + " bytes exceeds " + WireLimits.MAX_MESSAGE_BYTES);
        }
        try {
            CborReader reader = new CborReader(message);
            Envelope envelope = MessageDecoder.read(reader);
            reader.end();
            return envelope;
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("invalid content: " + e.getMessage(), e);
        }
    }
}

package io.rdht.core.wire;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import java.io.IOException;

/**
 * Encodes {@link Envelope}s to CBOR (each item in its shortest form, {@link CborWriter}) and
 * decodes them strictly (with Jackson's parser), in the layout of docs/PROTOCOL.md. Thread-safe; one instance can serve a whole process.
 *
 * <p>Decoding is bounded: nothing longer than {@link WireLimits#MAX_MESSAGE_BYTES} is parsed,
 * nesting stops at {@link WireLimits#MAX_NESTING}, every count and length is checked against its
 * limit and against the bytes present before anything is allocated for it, and any input that is
 * not exactly a message of this protocol ends in a {@link MalformedMessageException}.
 */
public final class WireCodec {
    /** Longest text Jackson will build, in chars; our texts are far shorter and checked exactly. */
    private static final int MAX_STRING_CHARS = 4 * WireLimits.MAX_TEXT;
    /** Longest number literal Jackson will build (a 64-bit integer has 20 digits). */
    private static final int MAX_NUMBER_DIGITS = 24;
    /** Longest object key Jackson will build; messages use no maps, so a short bound suffices. */
    private static final int MAX_NAME_CHARS = 64;

    private static final int INITIAL_OUTPUT_BYTES = 256;

    private final CBORFactory factory;

    /** Creates a codec. */
    public WireCodec() {
        this.factory = CBORFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(WireLimits.MAX_MESSAGE_BYTES)
                        .maxNestingDepth(WireLimits.MAX_NESTING)
                        .maxStringLength(MAX_STRING_CHARS)
                        .maxNumberLength(MAX_NUMBER_DIGITS)
                        .maxNameLength(MAX_NAME_CHARS)
                        .build())
                .build();
    }

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
        try (CBORParser parser = factory.createParser(message)) {
            CborReader reader = new CborReader(parser, message);
            Envelope envelope = MessageDecoder.read(reader);
            reader.end();
            return envelope;
        } catch (JacksonException e) {
            throw new MalformedMessageException("not valid CBOR: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedMessageException("unreadable: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("invalid content: " + e.getMessage(), e);
        }
    }
}

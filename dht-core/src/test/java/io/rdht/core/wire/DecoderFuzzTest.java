package io.rdht.core.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.HexFormat;

/**
 * Coverage-guided fuzzing of the message decoder (Jazzer): whatever a datagram holds, the decoder
 * refuses it with a {@link MalformedMessageException} or returns an envelope that encodes and
 * decodes back to itself; it never throws anything else. In the normal build it replays the
 * committed inputs under {@code src/test/resources}; {@code bin/fuzz} runs it in fuzzing mode.
 */
class DecoderFuzzTest {

    private final WireCodec codec = new WireCodec();

    @FuzzTest
    void everyDatagramDecodesToAStableEnvelopeOrIsRefusedAsMalformed(byte[] datagram) {
        Envelope envelope;
        try {
            envelope = codec.decode(datagram);
        } catch (MalformedMessageException refused) {
            return;
        }
        Envelope again;
        try {
            again = codec.decode(codec.encode(envelope));
        } catch (MalformedMessageException e) {
            throw new AssertionError("re-encoding of " + envelope + " is malformed: " + e.getMessage(), e);
        }
        if (!again.equals(envelope)) {
            throw new AssertionError("second trip changed " + envelope + " into " + again + "; input "
                    + HexFormat.of().formatHex(datagram));
        }
    }
}

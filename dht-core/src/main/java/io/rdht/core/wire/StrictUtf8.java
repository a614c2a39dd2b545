package io.rdht.core.wire;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * UTF-8 that reports what it cannot code instead of replacing it: a lone surrogate when encoding,
 * an ill-formed sequence (overlong forms, encoded surrogates, truncations) when decoding.
 */
final class StrictUtf8 {
    private StrictUtf8() {}

    /** The UTF-8 of {@code text}; throws if it is not valid UTF-16. */
    static byte[] encode(String text) throws CharacterCodingException {
        ByteBuffer encoded = StandardCharsets.UTF_8
                .newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .encode(CharBuffer.wrap(text));
        return Arrays.copyOf(encoded.array(), encoded.limit());
    }

    /** The text {@code utf8} holds; throws if it is not well-formed UTF-8. */
    static String decode(byte[] utf8) throws CharacterCodingException {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(utf8))
                .toString();
    }
}

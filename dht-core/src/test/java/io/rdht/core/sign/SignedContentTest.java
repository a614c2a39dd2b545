package io.rdht.core.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The signed bytes are fixed by docs/PROTOCOL.md: these vectors were computed apart from the code. */
class SignedContentTest {

    private static byte[] filled(int length, int b) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) b);
        return bytes;
    }

    @Test
    void aReadingWithoutRecipientEncodesFieldByField() {
        Value reading = Value.builder()
                .id(0x0123456789abcdefL)
                .seq(3)
                .ttl(Duration.ofMinutes(10))
                .created(Instant.parse("2026-01-01T00:00:00Z"))
                .contentType("application/json")
                .data("{\"lvl_percent\":39}".getBytes(StandardCharsets.UTF_8))
                .owner(filled(32, 0x11))
                .build();

        String expected = "726468742d76616c75652d7631" // "rdht-value-v1"
                + "c6c7e2b17b27367a841b2795a76c49b3fb81590e" // key: pollution_level
                + "0123456789abcdef" // id
                + "0000000000000003" // seq
                + "00000000000927c0" // ttl: 600,000 ms
                + "0000019b76daa800" // created: 1,767,225,600,000 ms
                + "00000010" + "6170706c69636174696f6e2f6a736f6e" // content type
                + "00000012" + "7b226c766c5f70657263656e74223a33397d" // data
                + "00" // no recipient
                + "11".repeat(32); // owner
        assertThat(HexFormat.of().formatHex(SignedContent.of(InfoHash.of("pollution_level"), reading)))
                .isEqualTo(expected);
    }

    @Test
    void anEncryptedValueWithEmptyDataAndNegativeSeqEncodesItsRecipient() {
        Value value = Value.builder()
                .id(0xfedcba9876543210L)
                .seq(-1)
                .ttl(Duration.ofMillis(1))
                .created(Instant.ofEpochMilli(1))
                .contentType("text/plain")
                .owner(filled(32, 0x33))
                .recipient(filled(32, 0x22))
                .build();

        String expected = "726468742d76616c75652d7631"
                + "d1878f7213a7afa7d418ec69f4aed914c9e07d8d" // key: luigi
                + "fedcba9876543210"
                + "ffffffffffffffff"
                + "0000000000000001"
                + "0000000000000001"
                + "0000000a" + "746578742f706c61696e"
                + "00000000"
                + "01" + "22".repeat(32)
                + "33".repeat(32);
        assertThat(HexFormat.of().formatHex(SignedContent.of(InfoHash.of("luigi"), value)))
                .isEqualTo(expected);
    }

    @Test
    void theSignatureItselfIsNotPartOfTheSignedBytes() {
        Value unsigned = Value.builder()
                .id(1)
                .created(Instant.ofEpochMilli(5))
                .owner(filled(32, 1))
                .build();
        Value signed = unsigned.toBuilder().signature(filled(64, 9)).build();

        assertThat(SignedContent.of(InfoHash.of("k"), signed)).isEqualTo(SignedContent.of(InfoHash.of("k"), unsigned));
    }

    @Test
    void aValueWithoutAFullOwnerKeyHasNoSignedBytes() {
        Value noOwner = Value.builder().id(1).build();
        Value shortOwner = Value.builder().id(1).owner(new byte[31]).build();

        assertThatThrownBy(() -> SignedContent.of(InfoHash.of("k"), noOwner))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignedContent.of(InfoHash.of("k"), shortOwner))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package io.rdht.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecipientKeyTest {

    private final SplittableRandom random = new SplittableRandom(0x4ec1_2024L);

    @Test
    void keysWithTheSameBytesAreEqual() {
        byte[] raw = randomBytes(32);

        assertThat(RecipientKey.fromBytes(raw))
                .isEqualTo(RecipientKey.fromBytes(raw.clone()))
                .hasSameHashCodeAs(RecipientKey.fromBytes(raw.clone()));
    }

    @Test
    void keysWithDifferentBytesAreNotEqual() {
        assertThat(RecipientKey.fromBytes(randomBytes(32))).isNotEqualTo(RecipientKey.fromBytes(randomBytes(32)));
    }

    @Test
    void aRecipientKeyNeverEqualsAPublicKeyWithTheSameBytes() {
        byte[] raw = randomBytes(32);

        assertThat((Object) RecipientKey.fromBytes(raw)).isNotEqualTo(PublicKey.fromBytes(raw));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 31, 33, 64})
    void fromBytesRejectsAKeyOfAnotherLengthNamingTheLength(int length) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RecipientKey.fromBytes(new byte[length]))
                .withMessageContaining("32")
                .withMessageContaining("not " + length);
    }

    @Test
    void toBytesRoundTripsThroughFromBytes() {
        RecipientKey key = Identity.generate().recipientKey();

        assertThat(RecipientKey.fromBytes(key.toBytes())).isEqualTo(key);
        assertThat(key.toBytes()).hasSize(RecipientKey.LENGTH);
    }

    @Test
    void changingTheOutputArrayDoesNotChangeTheKey() {
        byte[] raw = randomBytes(32);
        RecipientKey key = RecipientKey.fromBytes(raw);

        key.toBytes()[0] ^= 1;

        assertThat(key.toBytes()).isEqualTo(raw);
    }

    @Test
    void shortIdIsSixteenLowercaseHexDigitsAndStable() {
        byte[] raw = randomBytes(32);

        assertThat(RecipientKey.fromBytes(raw).shortId())
                .matches("[0-9a-f]{16}")
                .isEqualTo(RecipientKey.fromBytes(raw).shortId());
    }

    @Test
    void toStringShowsTheShortId() {
        RecipientKey key = RecipientKey.fromBytes(randomBytes(32));

        assertThat(key).hasToString("RecipientKey[" + key.shortId() + "]");
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}

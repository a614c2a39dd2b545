package io.rdht.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicKeyTest {

    private final SplittableRandom random = new SplittableRandom(0x9b1c_2024L);

    @Test
    void keysWithTheSameBytesAreEqual() {
        byte[] raw = randomBytes(32);

        assertThat(PublicKey.fromBytes(raw))
                .isEqualTo(PublicKey.fromBytes(raw.clone()))
                .hasSameHashCodeAs(PublicKey.fromBytes(raw.clone()));
    }

    @Test
    void keysWithDifferentBytesAreNotEqual() {
        assertThat(PublicKey.fromBytes(randomBytes(32))).isNotEqualTo(PublicKey.fromBytes(randomBytes(32)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 31, 33, 64})
    void fromBytesRejectsAKeyOfAnotherLengthNamingTheLength(int length) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PublicKey.fromBytes(new byte[length]))
                .withMessageContaining("32")
                .withMessageContaining("not " + length);
    }

    @Test
    void changingTheInputArrayDoesNotChangeTheKey() {
        byte[] raw = randomBytes(32);
        PublicKey key = PublicKey.fromBytes(raw);

        raw[0] ^= 1;

        assertThat(key.toBytes()).isNotEqualTo(raw);
    }

    @Test
    void changingTheOutputArrayDoesNotChangeTheKey() {
        byte[] raw = randomBytes(32);
        PublicKey key = PublicKey.fromBytes(raw);

        key.toBytes()[0] ^= 1;

        assertThat(key.toBytes()).isEqualTo(raw);
    }

    @Test
    void shortIdIsTheFirstEightBytesOfTheSha256InLowercaseHex() throws NoSuchAlgorithmException {
        byte[] raw = randomBytes(32);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);

        assertThat(PublicKey.fromBytes(raw).shortId())
                .isEqualTo(HexFormat.of().formatHex(digest).substring(0, 16))
                .matches("[0-9a-f]{16}");
    }

    @Test
    void shortIdIsStable() {
        byte[] raw = HexFormat.of().parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

        assertThat(PublicKey.fromBytes(raw).shortId())
                .isEqualTo(PublicKey.fromBytes(raw).shortId())
                .isEqualTo("21fe31dfa154a261");
    }

    @Test
    void toStringShowsTheShortId() {
        PublicKey key = PublicKey.fromBytes(randomBytes(32));

        assertThat(key).hasToString("PublicKey[" + key.shortId() + "]");
    }

    @Test
    void identityIsKnownByItsPublicKeysShortId() {
        Identity identity = Identity.generate();

        assertThat(identity.shortId()).isEqualTo(identity.publicKey().shortId());
        assertThat(identity).hasToString("Identity[" + identity.shortId() + "]");
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}

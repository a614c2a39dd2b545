package io.rdht.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EncryptionTest {

    private static final byte[] CONTEXT = "rdht value 1".getBytes(StandardCharsets.UTF_8);

    private final SplittableRandom random = new SplittableRandom(0xe4c7_2024L);
    private final Identity recipient = Identity.generate();

    @Test
    void recipientDecryptsWhatWasEncryptedToIt() {
        byte[] plaintext = randomBytes(200);

        byte[] ciphertext = recipient.recipientKey().encrypt(plaintext, CONTEXT);

        assertThat(recipient.decrypt(ciphertext, CONTEXT)).isEqualTo(plaintext);
    }

    @Test
    void emptyPlaintextAndEmptyAssociatedDataRoundTrip() {
        byte[] ciphertext = recipient.recipientKey().encrypt(new byte[0], new byte[0]);

        assertThat(recipient.decrypt(ciphertext, new byte[0])).isEmpty();
    }

    @Test
    void aKeyRebuiltFromItsBytesEncryptsToTheSameIdentity() {
        byte[] plaintext = randomBytes(200);
        RecipientKey rebuilt = RecipientKey.fromBytes(recipient.recipientKey().toBytes());

        byte[] ciphertext = rebuilt.encrypt(plaintext, CONTEXT);

        assertThat(recipient.decrypt(ciphertext, CONTEXT)).isEqualTo(plaintext);
    }

    @Test
    void ciphertextIsFortyEightBytesLongerThanPlaintext() {
        byte[] ciphertext = recipient.recipientKey().encrypt(randomBytes(200), CONTEXT);

        assertThat(ciphertext).hasSize(200 + RecipientKey.CIPHERTEXT_OVERHEAD).hasSize(248);
    }

    @Test
    void encryptingTheSamePlaintextTwiceGivesDifferentCiphertexts() {
        byte[] plaintext = randomBytes(200);

        assertThat(recipient.recipientKey().encrypt(plaintext, CONTEXT))
                .isNotEqualTo(recipient.recipientKey().encrypt(plaintext, CONTEXT));
    }

    @Test
    void anotherIdentityCannotDecrypt() {
        Identity other = Identity.generate();
        byte[] ciphertext = recipient.recipientKey().encrypt(randomBytes(200), CONTEXT);

        assertThatExceptionOfType(CryptoException.DecryptionFailed.class)
                .isThrownBy(() -> other.decrypt(ciphertext, CONTEXT))
                .withMessageContaining(other.recipientKey().shortId())
                .satisfies(e -> assertThat(e.recipient()).isEqualTo(other.recipientKey()))
                .satisfies(e -> assertThat(e.getCause()).isNull());
    }

    @Test
    void ciphertextWithAnyBitFlippedDoesNotDecrypt() {
        byte[] ciphertext = recipient.recipientKey().encrypt(randomBytes(16), CONTEXT);

        for (int bit = 0; bit < ciphertext.length * 8; bit++) {
            byte[] tampered = ciphertext.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThatExceptionOfType(CryptoException.DecryptionFailed.class)
                    .as("ciphertext with bit %d flipped", bit)
                    .isThrownBy(() -> recipient.decrypt(tampered, CONTEXT));
        }
    }

    @Test
    void truncatedCiphertextDoesNotDecrypt() {
        byte[] ciphertext = recipient.recipientKey().encrypt(randomBytes(16), CONTEXT);

        for (int length = 0; length < ciphertext.length; length++) {
            byte[] truncated = Arrays.copyOf(ciphertext, length);
            assertThatExceptionOfType(CryptoException.DecryptionFailed.class)
                    .as("ciphertext cut to %d bytes", length)
                    .isThrownBy(() -> recipient.decrypt(truncated, CONTEXT));
        }
    }

    @Test
    void ciphertextDoesNotDecryptWithOtherAssociatedData() {
        byte[] ciphertext = recipient.recipientKey().encrypt(randomBytes(200), CONTEXT);
        byte[] otherContext = "rdht value 2".getBytes(StandardCharsets.UTF_8);

        assertThatExceptionOfType(CryptoException.DecryptionFailed.class)
                .isThrownBy(() -> recipient.decrypt(ciphertext, otherContext));
        assertThatExceptionOfType(CryptoException.DecryptionFailed.class)
                .isThrownBy(() -> recipient.decrypt(ciphertext, new byte[0]));
    }

    @Test
    void encryptingToAKeyX25519ForbidsIsRejected() {
        RecipientKey allZeros = RecipientKey.fromBytes(new byte[32]);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> allZeros.encrypt(randomBytes(16), CONTEXT))
                .withMessageContaining(allZeros.shortId());
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}

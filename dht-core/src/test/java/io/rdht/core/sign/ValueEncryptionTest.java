package io.rdht.core.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.crypto.CryptoException;
import io.rdht.crypto.Identity;
import io.rdht.crypto.RecipientKey;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ValueEncryptionTest {

    private static final Identity ALICE = Identity.generate();
    private static final Identity BOB = Identity.generate();
    private static final Identity MALLORY = Identity.generate();
    private static final InfoHash KEY = InfoHash.of("letters");

    private static Value letterForBob() {
        Value letter = Value.builder()
                .id(42)
                .text("meet at noon")
                .created(Instant.ofEpochMilli(1_000))
                .build();
        return ValueSigner.sign(
                KEY, ValueEncryption.encrypt(KEY, letter, BOB.recipientKey(), ALICE.publicKey()), ALICE);
    }

    @Test
    void theRecipientReadsThePlaintextThatNoOneElseSees() {
        Value sealed = letterForBob();

        assertThat(sealed.recipientKey()).isEqualTo(BOB.recipientKey());
        assertThat(sealed.dataAsText()).doesNotContain("noon");
        assertThat(sealed.dataLength()).isEqualTo("meet at noon".length() + RecipientKey.CIPHERTEXT_OVERHEAD);
        assertThat(new String(ValueEncryption.decrypt(KEY, sealed, BOB))).isEqualTo("meet at noon");
    }

    @Test
    void anotherIdentityCannotDecrypt() {
        Value sealed = letterForBob();

        assertThatThrownBy(() -> ValueEncryption.decrypt(KEY, sealed, MALLORY))
                .isInstanceOf(CryptoException.DecryptionFailed.class);
    }

    @Test
    void aCiphertextMovedToAnotherKeyIdOrOwnerDoesNotDecrypt() {
        Value sealed = letterForBob();
        Value reSignedByMallory = ValueSigner.sign(KEY, sealed, MALLORY);
        Value otherId = sealed.toBuilder().id(43).build();

        assertThatThrownBy(() -> ValueEncryption.decrypt(InfoHash.of("other"), sealed, BOB))
                .isInstanceOf(CryptoException.DecryptionFailed.class);
        assertThatThrownBy(() -> ValueEncryption.decrypt(KEY, otherId, BOB))
                .isInstanceOf(CryptoException.DecryptionFailed.class);
        assertThatThrownBy(() -> ValueEncryption.decrypt(KEY, reSignedByMallory, BOB))
                .isInstanceOf(CryptoException.DecryptionFailed.class);
    }
}

package io.rdht.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SigningTest {

    private final SplittableRandom random = new SplittableRandom(0x5167_2024L);
    private final Identity signer = Identity.generate();

    @Test
    void signatureByOwnKeyVerifies() {
        byte[] message = randomBytes(200);

        assertThat(signer.publicKey().verify(message, signer.sign(message))).isTrue();
    }

    @Test
    void signaturesArePlainSixtyFourByteSignatures() {
        for (int length : new int[] {0, 1, 200, 10_000}) {
            assertThat(signer.sign(randomBytes(length)))
                    .hasSize(PublicKey.SIGNATURE_LENGTH)
                    .hasSize(64);
        }
    }

    @Test
    void signingTheSameMessageTwiceGivesTheSameSignature() {
        byte[] message = randomBytes(200);

        assertThat(signer.sign(message)).isEqualTo(signer.sign(message));
    }

    @Test
    void signatureByAnotherKeyDoesNotVerify() {
        byte[] message = randomBytes(200);
        Identity other = Identity.generate();

        assertThat(signer.publicKey().verify(message, other.sign(message))).isFalse();
    }

    @Test
    void signatureDoesNotVerifyForTheMessageWithAnyBitFlipped() {
        byte[] message = randomBytes(32);
        byte[] signature = signer.sign(message);

        for (int bit = 0; bit < message.length * 8; bit++) {
            assertThat(signer.publicKey().verify(flipped(message, bit), signature))
                    .as("message with bit %d flipped", bit)
                    .isFalse();
        }
    }

    @Test
    void signatureWithAnyBitFlippedDoesNotVerify() {
        byte[] message = randomBytes(200);
        byte[] signature = signer.sign(message);

        for (int bit = 0; bit < signature.length * 8; bit++) {
            assertThat(signer.publicKey().verify(message, flipped(signature, bit)))
                    .as("signature with bit %d flipped", bit)
                    .isFalse();
        }
    }

    @Test
    void truncatedSignatureDoesNotVerify() {
        byte[] message = randomBytes(200);
        byte[] signature = signer.sign(message);

        for (int length = 0; length < signature.length; length++) {
            assertThat(signer.publicKey().verify(message, Arrays.copyOf(signature, length)))
                    .as("signature cut to %d bytes", length)
                    .isFalse();
        }
    }

    @Test
    void emptySignatureDoesNotVerify() {
        assertThat(signer.publicKey().verify(randomBytes(200), new byte[0])).isFalse();
    }

    @Test
    void signatureWithExtraBytesDoesNotVerify() {
        byte[] message = randomBytes(200);
        byte[] signature = signer.sign(message);

        assertThat(signer.publicKey().verify(message, Arrays.copyOf(signature, 65)))
                .isFalse();
    }

    @Test
    void nothingVerifiesUnderAMalformedKey() {
        byte[] message = randomBytes(200);
        byte[] signature = signer.sign(message);
        byte[] allOnes = new byte[32];
        Arrays.fill(allOnes, (byte) 0xff);

        for (byte[] malformed : new byte[][] {new byte[32], allOnes}) {
            assertThat(PublicKey.fromBytes(malformed).verify(message, signature))
                    .isFalse();
        }
        // About half of all 32-byte strings are not curve points; none may make verify throw.
        for (int i = 0; i < 200; i++) {
            assertThat(PublicKey.fromBytes(randomBytes(32)).verify(message, signature))
                    .as("random key %d", i)
                    .isFalse();
        }
    }

    @Test
    void rfc8032TestVectorsVerify() {
        HexFormat hex = HexFormat.of();
        PublicKey test1 =
                PublicKey.fromBytes(hex.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
        byte[] signature1 = hex.parseHex(
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        PublicKey test2 =
                PublicKey.fromBytes(hex.parseHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"));
        byte[] signature2 = hex.parseHex(
                "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");

        assertThat(test1.verify(new byte[0], signature1)).isTrue();
        assertThat(test2.verify(new byte[] {0x72}, signature2)).isTrue();
    }

    @Test
    void signaturesVerifyUnderTheJdksOwnEd25519() throws GeneralSecurityException {
        byte[] message = randomBytes(200);
        // An X.509 SubjectPublicKeyInfo for Ed25519 is this fixed prefix and the 32 raw bytes.
        byte[] encoded = HexFormat.of().parseHex("302a300506032b6570032100");
        encoded = Arrays.copyOf(encoded, encoded.length + PublicKey.LENGTH);
        System.arraycopy(signer.publicKey().toBytes(), 0, encoded, 12, PublicKey.LENGTH);
        Signature jdk = Signature.getInstance("Ed25519");
        KeyFactory keys = KeyFactory.getInstance("Ed25519");
        jdk.initVerify(keys.generatePublic(new X509EncodedKeySpec(encoded)));
        jdk.update(message);

        assertThat(jdk.verify(signer.sign(message))).isTrue();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] flipped(byte[] bytes, int bit) {
        byte[] copy = bytes.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }
}

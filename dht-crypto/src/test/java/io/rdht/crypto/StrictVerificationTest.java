package io.rdht.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StrictVerificationTest {

    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    private static final BigInteger L =
            BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
    private static final BigInteger D = BigInteger.valueOf(-121665)
            .multiply(BigInteger.valueOf(121666).modInverse(P))
            .mod(P);

    /** The identity point (0, 1): y = 1, sign of x clear. */
    private static byte[] identityPoint() {
        byte[] encoded = new byte[32];
        encoded[0] = 1;
        return encoded;
    }

    /** R = the identity, S = 0: under the identity key, [0]B = R + [k]A holds for every message. */
    private static byte[] anyContentSignature() {
        byte[] signature = new byte[64];
        signature[0] = 1;
        return signature;
    }

    @Test
    void theIdentityKeyWithASignatureThatFitsAnyContentVerifiesNothing() throws Exception {
        byte[] first = "lvl 39".getBytes(StandardCharsets.UTF_8);
        byte[] second = "lvl 99, edited by someone else".getBytes(StandardCharsets.UTF_8);
        // Tink alone takes this signature for any content: the attack the strict checks stop.
        TinkKeys.verifier(identityPoint()).verify(anyContentSignature(), first);
        TinkKeys.verifier(identityPoint()).verify(anyContentSignature(), second);

        PublicKey key = PublicKey.fromBytes(identityPoint());

        assertThat(key.verify(first, anyContentSignature())).isFalse();
        assertThat(key.verify(second, anyContentSignature())).isFalse();
        assertThat(key.problem()).hasValueSatisfying(p -> assertThat(p).contains("small order"));
        assertThat(PublicKey.signatureProblem(anyContentSignature()))
                .hasValueSatisfying(p -> assertThat(p).contains("R is a point of small order"));
    }

    @Test
    void everyPointOfSmallOrderIsRefusedAsAKeyWhateverTheSignOfX() {
        assertThat(StrictEd25519.smallOrderYCoordinates()).hasSize(5);
        for (BigInteger y : StrictEd25519.smallOrderYCoordinates()) {
            assertThat(orderDividesEight(y))
                    .as("order of the point with y = %s divides 8", y)
                    .isTrue();
            for (int sign = 0; sign < 2; sign++) {
                byte[] encoded = encode(y, sign == 1);
                assertThat(PublicKey.fromBytes(encoded).problem())
                        .as("key with y = %s", y)
                        .isPresent();
            }
        }
    }

    @Test
    void aKeyWhoseYIsNotBelowThePrimeIsRefusedAsNonCanonical() {
        // p + 2 encodes the same y as 2 would, in a second, non-canonical way.
        byte[] encoded = encode(P.add(BigInteger.TWO), false);

        assertThat(PublicKey.fromBytes(encoded).problem())
                .hasValueSatisfying(p -> assertThat(p).contains("non-canonical public key"));
    }

    @Test
    void aGenuineSignatureWithSPlusTheGroupOrderIsRefusedAsNonCanonical() {
        Identity signer = Identity.generate();
        byte[] message = "reading".getBytes(StandardCharsets.UTF_8);
        byte[] genuine = signer.sign(message);
        BigInteger s = littleEndian(Arrays.copyOfRange(genuine, 32, 64));
        byte[] malleated = genuine.clone();
        System.arraycopy(toLittleEndian(s.add(L)), 0, malleated, 32, 32);

        assertThat(signer.publicKey().verify(message, genuine)).isTrue();
        assertThat(signer.publicKey().verify(message, malleated)).isFalse();
        assertThat(PublicKey.signatureProblem(malleated))
                .hasValueSatisfying(p -> assertThat(p).contains("S is not below the group order"));
    }

    @Test
    void keysAndSignaturesMadeByIdentitiesPassTheStrictChecks() {
        for (int i = 0; i < 20; i++) {
            Identity identity = Identity.generate();
            byte[] signature = identity.sign(new byte[] {(byte) i});
            assertThat(identity.publicKey().problem()).isEmpty();
            assertThat(PublicKey.signatureProblem(signature)).isEmpty();
            assertThat(identity.publicKey().verify(new byte[] {(byte) i}, signature))
                    .isTrue();
        }
    }

    private static byte[] encode(BigInteger y, boolean negativeX) {
        byte[] encoded = toLittleEndian(y);
        if (negativeX) {
            encoded[31] |= (byte) 0x80;
        }
        return encoded;
    }

    private static byte[] toLittleEndian(BigInteger n) {
        byte[] bigEndian = n.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < bigEndian.length && i < 32; i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return out;
    }

    private static BigInteger littleEndian(byte[] bytes) {
        byte[] bigEndian = new byte[bytes.length + 1];
        for (int i = 0; i < bytes.length; i++) {
            bigEndian[bytes.length - i] = bytes[i];
        }
        return new BigInteger(bigEndian);
    }

    /** Whether the point with this y (and either x) gives the identity when doubled three times. */
    private static boolean orderDividesEight(BigInteger y) {
        // x² = (y² − 1) / (d·y² + 1)
        BigInteger y2 = y.multiply(y).mod(P);
        BigInteger x2 = y2.subtract(BigInteger.ONE)
                .multiply(D.multiply(y2).add(BigInteger.ONE).modInverse(P))
                .mod(P);
        BigInteger x = squareRoot(x2);
        assertThat(x).as("x exists for y = %s", y).isNotNull();
        BigInteger[] point = {x, y};
        for (int i = 0; i < 3; i++) {
            point = twice(point[0], point[1]);
        }
        return point[0].signum() == 0 && point[1].equals(BigInteger.ONE);
    }

    /** 2·(x, y) on −x² + y² = 1 + d·x²·y². */
    private static BigInteger[] twice(BigInteger x, BigInteger y) {
        BigInteger dxxyy = D.multiply(x).multiply(x).multiply(y).multiply(y).mod(P);
        BigInteger x3 = BigInteger.TWO
                .multiply(x)
                .multiply(y)
                .multiply(BigInteger.ONE.add(dxxyy).modInverse(P))
                .mod(P);
        BigInteger y3 = y.multiply(y)
                .add(x.multiply(x))
                .multiply(BigInteger.ONE.subtract(dxxyy).mod(P).modInverse(P))
                .mod(P);
        return new BigInteger[] {x3, y3};
    }

    private static BigInteger squareRoot(BigInteger a) {
        if (a.signum() == 0) {
            return BigInteger.ZERO;
        }
        BigInteger r = a.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
        if (r.multiply(r).mod(P).equals(a)) {
            return r;
        }
        r = r.multiply(BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P))
                .mod(P);
        return r.multiply(r).mod(P).equals(a) ? r : null;
    }
}

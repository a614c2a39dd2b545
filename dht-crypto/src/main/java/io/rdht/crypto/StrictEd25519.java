package io.rdht.crypto;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The checks of strict RFC 8032 verification that a general Ed25519 verifier may skip, made on
 * the raw bytes before Tink is asked: a public key or signature point {@code R} must be a
 * canonical encoding (its y coordinate below p) and not of small order, and the scalar {@code S}
 * of a signature must be canonical (below the group order L).
 *
 * <p>Threat-model note: under a small-order public key, such as the identity point, the equation
 * a verifier checks ({@code [S]B = R + [k]A}) holds for {@code R} = identity and {@code S} = 0
 * whatever the message, so one "signature" verifies for any content and anyone can "edit" the
 * value; a non-canonical {@code S} or point gives one signature several encodings. Both are
 * refused as libsodium does. A point of small order has one of five y coordinates (0, 1, p−1 and
 * the two of the order-8 points); the sign of x does not change the order, so comparing y is
 * exact.
 */
final class StrictEd25519 {

    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    private static final BigInteger L =
            BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
    private static final BigInteger D = BigInteger.valueOf(-121665)
            .multiply(BigInteger.valueOf(121666).modInverse(P))
            .mod(P);
    private static final BigInteger SQRT_MINUS_ONE =
            BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);
    private static final Set<BigInteger> SMALL_ORDER_Y = smallOrderYs();

    private StrictEd25519() {}

    /** Why the 32 bytes {@code encoded} are no acceptable public key, or empty if they are. */
    static Optional<String> keyProblem(byte[] encoded) {
        return pointProblem(encoded, 0, "public key");
    }

    /** Why the 64 bytes {@code signature} are no strict RFC 8032 signature, or empty if they are. */
    static Optional<String> signatureProblem(byte[] signature) {
        Optional<String> r = pointProblem(signature, 0, "signature point R");
        if (r.isPresent()) {
            return r;
        }
        if (littleEndian(signature, 32).compareTo(L) >= 0) {
            return Optional.of("non-canonical signature: its scalar S is not below the group order");
        }
        return Optional.empty();
    }

    /** The y coordinates of the points whose order divides 8, for tests. */
    static Set<BigInteger> smallOrderYCoordinates() {
        return SMALL_ORDER_Y;
    }

    private static Optional<String> pointProblem(byte[] bytes, int offset, String what) {
        byte[] y = new byte[32];
        System.arraycopy(bytes, offset, y, 0, 32);
        y[31] &= 0x7f;
        BigInteger yValue = littleEndian(y, 0);
        if (yValue.compareTo(P) >= 0) {
            return Optional.of("non-canonical " + what + ": its y coordinate is not below 2^255 - 19");
        }
        if (SMALL_ORDER_Y.contains(yValue)) {
            return Optional.of(what + " is a point of small order (such as the identity)");
        }
        return Optional.empty();
    }

    private static BigInteger littleEndian(byte[] bytes, int offset) {
        byte[] bigEndian = new byte[33];
        for (int i = 0; i < 32; i++) {
            bigEndian[32 - i] = bytes[offset + i];
        }
        return new BigInteger(bigEndian);
    }

    /**
     * 0 and p−1 (order 4 and 2), 1 (the identity), and ±y of the order-8 points. Doubling a point
     * gives y' = (y² + x²) / (2 − y² + x²), which is 0 (order 4) when x² = −y²; with the curve
     * equation −x² + y² = 1 + d·x²·y² that is d·y⁴ + 2y² − 1 = 0, so y² = (−1 ± √(1 + d)) / d.
     */
    private static Set<BigInteger> smallOrderYs() {
        BigInteger root = sqrt(BigInteger.ONE.add(D).mod(P));
        BigInteger dInverse = D.modInverse(P);
        HashSet<BigInteger> ys = new HashSet<>();
        ys.add(BigInteger.ZERO);
        ys.add(BigInteger.ONE);
        ys.add(P.subtract(BigInteger.ONE));
        for (BigInteger signed : new BigInteger[] {root, P.subtract(root)}) {
            BigInteger ySquared =
                    signed.subtract(BigInteger.ONE).multiply(dInverse).mod(P);
            BigInteger y = sqrt(ySquared);
            if (y != null) {
                ys.add(y);
                ys.add(P.subtract(y).mod(P));
            }
        }
        return Set.copyOf(ys);
    }

    /** A square root of {@code a} modulo p (p ≡ 5 mod 8), or null if there is none. */
    private static BigInteger sqrt(BigInteger a) {
        BigInteger r = a.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
        if (r.multiply(r).mod(P).equals(a)) {
            return r;
        }
        r = r.multiply(SQRT_MINUS_ONE).mod(P);
        return r.multiply(r).mod(P).equals(a) ? r : null;
    }
}

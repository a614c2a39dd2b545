package io.rdht.bench;

import io.rdht.crypto.Identity;
import io.rdht.crypto.PublicKey;
import java.util.SplittableRandom;

/**
 * Signatures and verifications per second on one thread, Ed25519 through Tink, over messages of
 * the size of a signed reading.
 *
 * @param signsPerSecond    signatures made per second
 * @param verifiesPerSecond signatures checked per second
 */
record CryptoSpeed(double signsPerSecond, double verifiesPerSecond) {

    /** Size of each message signed. */
    static final int MESSAGE_BYTES = 200;

    private static final int WARMUP = 5_000;
    private static final int MEASURED = 20_000;

    /** Signs and verifies a warm-up batch, then measures one batch of each. */
    static CryptoSpeed measure() {
        Identity identity = Identity.generate();
        PublicKey key = identity.publicKey();
        byte[] message = new byte[MESSAGE_BYTES];
        new SplittableRandom(7).nextBytes(message);
        byte[] signature = identity.sign(message);
        run(WARMUP, () -> identity.sign(message));
        run(WARMUP, () -> key.verify(message, signature));
        double signs = run(MEASURED, () -> identity.sign(message));
        double verifies = run(MEASURED, () -> {
            if (!key.verify(message, signature)) {
                throw new IllegalStateException("a signature made here does not verify");
            }
        });
        return new CryptoSpeed(signs, verifies);
    }

    private static double run(int count, Runnable op) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            op.run();
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }
}

package io.rdht.core.engine;

import io.rdht.core.wire.Token;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks write tokens: an HMAC of the requester's IP address and port under a secret
 * that rotates every {@code rotationMillis}; a token made under the previous secret stays valid,
 * so a token lives between one and two rotation periods.
 *
 * <p>Threat-model note: without tokens anyone could make a node store values or register listens
 * in the name of a spoofed source address (BEP 5's reason for them). A token proves that the
 * requester received our earlier reply at the address it now writes from.
 */
final class TokenIssuer {

    static final int TOKEN_BYTES = 16;

    private final RandomGenerator random;
    private final long rotationMillis;
    private Mac current;
    private Mac previous;
    private long rotatedAtMillis;

    TokenIssuer(RandomGenerator random, long rotationMillis, long nowMillis) {
        if (rotationMillis < 1) {
            throw new IllegalArgumentException("token rotation must be positive, got " + rotationMillis);
        }
        this.random = random;
        this.rotationMillis = rotationMillis;
        this.current = newMac();
        this.previous = current;
        this.rotatedAtMillis = nowMillis;
    }

    /** A token for {@code requester}, valid for at least one rotation period. */
    Token issue(InetSocketAddress requester, long nowMillis) {
        rotateIfDue(nowMillis);
        return Token.of(mac(current, requester));
    }

    /** True if {@code token} was issued to {@code requester} under the current or previous secret. */
    boolean isValid(Token token, InetSocketAddress requester, long nowMillis) {
        rotateIfDue(nowMillis);
        byte[] presented = token.toBytes();
        return MessageDigest.isEqual(presented, mac(current, requester))
                || MessageDigest.isEqual(presented, mac(previous, requester));
    }

    private void rotateIfDue(long nowMillis) {
        long periods = (nowMillis - rotatedAtMillis) / rotationMillis;
        if (periods <= 0) {
            return;
        }
        previous = periods == 1 ? current : newMac();
        current = newMac();
        rotatedAtMillis += periods * rotationMillis;
    }

    /** An HMAC under a fresh random secret; kept and reused, as {@code doFinal} resets it. */
    private Mac newMac() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    private static byte[] mac(Mac mac, InetSocketAddress requester) {
        byte[] ip = requester.getAddress().getAddress();
        ByteBuffer input = ByteBuffer.allocate(ip.length + 2).put(ip).putShort((short) requester.getPort());
        return Arrays.copyOf(mac.doFinal(input.array()), TOKEN_BYTES);
    }
}

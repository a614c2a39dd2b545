package io.rdht.core.sign;

import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.crypto.PublicKey;
import io.rdht.crypto.RecipientKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The bytes an owner signs for a value under a key: a deterministic encoding of every field but
 * the signature, described in docs/PROTOCOL.md ("Signed values").
 *
 * <p>All integers are big-endian; lengths are unsigned 32-bit.
 *
 * <pre>
 * length  field
 * 13      domain tag, the ASCII bytes "rdht-value-v1"
 * 20      key
 * 8       value id
 * 8       seq (two's complement)
 * 8       TTL in milliseconds
 * 8       creation time in milliseconds since 1970 UTC
 * 4 + n   content type: its length n, then its UTF-8 bytes
 * 4 + n   data: its length n, then the bytes
 * 1 (+32) recipient: 0 for none, or 1 then the 32-byte X25519 key
 * 32      owner: the Ed25519 public key
 * </pre>
 *
 * <p>Implementation note: the wire's CBOR is not canonical (a peer may encode the same value in
 * other bytes), so nothing signs message bytes; every field here is what the codec decodes
 * exactly, so a verifier rebuilds the signer's bytes from the fields it received.
 */
public final class SignedContent {

    /** The domain tag that starts the signed bytes of every value. */
    public static final String DOMAIN = "rdht-value-v1";

    private static final byte[] TAG = DOMAIN.getBytes(StandardCharsets.US_ASCII);

    private SignedContent() {}

    /**
     * The bytes the owner of {@code value} signs for it under {@code key}.
     *
     * @throws IllegalArgumentException if the value has no 32-byte owner, a recipient that is not
     *     32 bytes, or a TTL or creation time beyond the range of 64-bit milliseconds
     */
    public static byte[] of(InfoHash key, Value value) {
        byte[] owner = value.owner();
        if (owner == null || owner.length != PublicKey.LENGTH) {
            throw new IllegalArgumentException("a signed value needs a " + PublicKey.LENGTH + "-byte owner key");
        }
        byte[] recipient = value.recipient();
        if (recipient != null && recipient.length != RecipientKey.LENGTH) {
            throw new IllegalArgumentException(
                    "a recipient key is " + RecipientKey.LENGTH + " bytes, not " + recipient.length);
        }
        byte[] contentType = value.contentType().getBytes(StandardCharsets.UTF_8);
        byte[] data = value.data();
        int length = TAG.length
                + InfoHash.BYTES
                + 4 * Long.BYTES
                + Integer.BYTES
                + contentType.length
                + Integer.BYTES
                + data.length
                + 1
                + (recipient == null ? 0 : recipient.length)
                + owner.length;
        ByteBuffer out = ByteBuffer.allocate(length)
                .put(TAG)
                .put(key.toBytes())
                .putLong(value.id())
                .putLong(value.seq())
                .putLong(millis(value.ttl()))
                .putLong(millis(value.created()))
                .putInt(contentType.length)
                .put(contentType)
                .putInt(data.length)
                .put(data);
        if (recipient == null) {
            out.put((byte) 0);
        } else {
            out.put((byte) 1).put(recipient);
        }
        return out.put(owner).array();
    }

    private static long millis(Duration ttl) {
        try {
            return ttl.toMillis();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("TTL " + ttl + " does not fit in 64-bit milliseconds", e);
        }
    }

    private static long millis(Instant created) {
        try {
            return created.toEpochMilli();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("creation time " + created + " does not fit in 64-bit milliseconds", e);
        }
    }
}

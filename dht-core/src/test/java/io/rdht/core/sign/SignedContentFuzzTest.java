package io.rdht.core.sign;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.core.wire.WireLimits;
import io.rdht.crypto.Identity;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Coverage-guided fuzzing of signed values (Jazzer): for any value, the signed bytes of {@link
 * SignedContent} read back as exactly its key and fields, with nothing left over, so two different
 * values never share signed bytes; the {@link SignatureVerifier} answers for any owner key and
 * signature bytes without throwing; and a genuine signature stops verifying when the value is put
 * under another key or any signed field changes.
 */
class SignedContentFuzzTest {

    private static final Identity SIGNER = Identity.generate();
    private static final int MAX_DATA = 512;

    private final SignatureVerifier verifier = new SignatureVerifier();

    @FuzzTest
    void signedBytesReadBackAsTheValueAndOnlyGenuineSignaturesVerify(FuzzedDataProvider data) {
        InfoHash key = InfoHash.fromBytes(Arrays.copyOf(data.consumeBytes(InfoHash.BYTES), InfoHash.BYTES));
        long id = data.consumeLong();
        Value value = Value.builder()
                .id(id == Value.UNASSIGNED_ID ? 1 : id)
                .seq(data.consumeLong())
                .ttl(Duration.ofMillis(data.consumeLong(1, Long.MAX_VALUE)))
                .created(Instant.ofEpochMilli(data.consumeLong(1, Long.MAX_VALUE)))
                .contentType(data.consumeString(WireLimits.MAX_CONTENT_TYPE))
                .recipient(data.consumeBoolean() ? Arrays.copyOf(data.consumeBytes(32), 32) : null)
                .owner(Arrays.copyOf(data.consumeBytes(32), 32))
                .signature(data.consumeBytes(70))
                .data(data.consumeBytes(MAX_DATA))
                .build();

        readsBackAs(SignedContent.of(key, value), key, value);
        if (verifier.problemWith(key, value).isEmpty()) {
            throw new AssertionError("fuzzed owner " + HexFormat.of().formatHex(value.owner()) + " and signature "
                    + HexFormat.of().formatHex(value.signature()) + " verified for " + value);
        }
        Value genuine = ValueSigner.sign(key, value, SIGNER);
        if (verifier.problemWith(key, genuine).isPresent()) {
            throw new AssertionError("a genuine signature does not verify: " + verifier.problemWith(key, genuine));
        }
        InfoHash otherKey = InfoHash.fromBytes(Arrays.copyOf(data.consumeBytes(InfoHash.BYTES), InfoHash.BYTES));
        if (!otherKey.equals(key) && verifier.problemWith(otherKey, genuine).isEmpty()) {
            throw new AssertionError("a signature made for " + key + " verifies under " + otherKey);
        }
        Value altered = genuine.toBuilder()
                .seq(genuine.seq() + 1 + data.consumeInt(0, 9))
                .build();
        if (verifier.problemWith(key, altered).isEmpty()) {
            throw new AssertionError("a signature verifies for another seq");
        }
    }

    /** Parses the canonical form of docs/PROTOCOL.md and compares each field with the value's. */
    private static void readsBackAs(byte[] signed, InfoHash key, Value v) {
        ByteBuffer in = ByteBuffer.wrap(signed);
        expect(
                "domain tag",
                take(in, SignedContent.DOMAIN.length()),
                SignedContent.DOMAIN.getBytes(StandardCharsets.US_ASCII));
        expect("key", take(in, InfoHash.BYTES), key.toBytes());
        expect("id", in.getLong(), v.id());
        expect("seq", in.getLong(), v.seq());
        expect("ttl", in.getLong(), v.ttl().toMillis());
        expect("created", in.getLong(), v.created().toEpochMilli());
        expect("content type", take(in, in.getInt()), v.contentType().getBytes(StandardCharsets.UTF_8));
        expect("data", take(in, in.getInt()), v.data());
        byte hasRecipient = in.get();
        if (hasRecipient != (v.recipient() == null ? 0 : 1)) {
            throw new AssertionError("recipient flag " + hasRecipient + " for " + v);
        }
        if (v.recipient() != null) {
            expect("recipient", take(in, 32), v.recipient());
        }
        expect("owner", take(in, 32), v.owner());
        if (in.hasRemaining()) {
            throw new AssertionError(in.remaining() + " bytes after the owner in the signed bytes of " + v);
        }
    }

    private static byte[] take(ByteBuffer in, int length) {
        byte[] out = new byte[length];
        in.get(out);
        return out;
    }

    private static void expect(String field, byte[] read, byte[] expected) {
        if (!Arrays.equals(read, expected)) {
            throw new AssertionError(field + " reads back differently from the signed bytes");
        }
    }

    private static void expect(String field, long read, long expected) {
        if (read != expected) {
            throw new AssertionError(field + " reads back as " + read + ", not " + expected);
        }
    }
}

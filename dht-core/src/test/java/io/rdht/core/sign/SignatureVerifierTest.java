package io.rdht.core.sign;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.crypto.Identity;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {

    private static final Identity ALICE = Identity.generate();
    private static final Identity MALLORY = Identity.generate();
    private static final InfoHash KEY = InfoHash.of("pollution_level");
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    private final SignatureVerifier verifier = new SignatureVerifier();

    private static Value reading(String text) {
        return Value.builder()
                .id(7)
                .seq(1)
                .text(text)
                .contentType("application/json")
                .ttl(Duration.ofMinutes(10))
                .created(CREATED)
                .build();
    }

    @Test
    void anUnsignedValueHasNothingToVerify() {
        assertThat(verifier.problemWith(KEY, reading("{}"))).isEmpty();
    }

    @Test
    void aValueSignedByItsOwnerForItsKeyVerifies() {
        assertThat(verifier.problemWith(KEY, ValueSigner.sign(KEY, reading("{}"), ALICE)))
                .isEmpty();
    }

    @Test
    void signingCutsTheTtlAndCreationTimeToTheMillisecondsThatTravel() {
        Value fine = reading("{}").toBuilder()
                .ttl(Duration.ofNanos(1_500_000))
                .created(CREATED.plusNanos(700_000))
                .build();

        Value signed = ValueSigner.sign(KEY, fine, ALICE);

        assertThat(signed.ttl()).isEqualTo(Duration.ofMillis(1));
        assertThat(signed.created()).isEqualTo(CREATED);
        assertThat(verifier.problemWith(KEY, signed)).isEmpty();
    }

    @Test
    void aSignatureForAnotherKeyIsBad() {
        Value signed = ValueSigner.sign(KEY, reading("{}"), ALICE);

        assertThat(verifier.problemWith(InfoHash.of("luigi"), signed))
                .hasValueSatisfying(
                        reason -> assertThat(reason).startsWith("bad signature").contains(ALICE.shortId()));
    }

    @Test
    void aSignatureByAnotherKeyThanTheOwnersIsBad() {
        Value claimed =
                reading("{}").toBuilder().owner(ALICE.publicKey().toBytes()).build();
        Value signedByMallory = claimed.toBuilder()
                .signature(MALLORY.sign(SignedContent.of(KEY, claimed)))
                .build();

        assertThat(verifier.problemWith(KEY, signedByMallory))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("bad signature"));
    }

    @Test
    void truncatedSignatureAndOwnerKeyAreNamed() {
        Value signed = ValueSigner.sign(KEY, reading("{}"), ALICE);
        Value shortSignature = signed.toBuilder()
                .signature(Arrays.copyOf(signed.signature(), 63))
                .build();
        Value shortOwner =
                signed.toBuilder().owner(Arrays.copyOf(signed.owner(), 31)).build();

        assertThat(verifier.problemWith(KEY, shortSignature))
                .hasValue("bad signature: truncated signature of 63 bytes, expected 64");
        assertThat(verifier.problemWith(KEY, shortOwner))
                .hasValue("bad signature: truncated owner key of 31 bytes, expected 32");
    }

    @Test
    void anOwnerWithoutSignatureAndASignatureWithoutOwnerAreBad() {
        Value signed = ValueSigner.sign(KEY, reading("{}"), ALICE);

        assertThat(verifier.problemWith(KEY, signed.toBuilder().signature(null).build()))
                .hasValue("bad signature: an owner key without a signature");
        assertThat(verifier.problemWith(KEY, signed.toBuilder().owner(null).build()))
                .hasValue("bad signature: a signature without an owner key");
    }

    @Test
    void aSignedValueWithoutCreationTimeIsRefusedSinceItWouldNeverExpire() {
        Value timeless = reading("{}").toBuilder()
                .created(Instant.EPOCH)
                .owner(ALICE.publicKey().toBytes())
                .build();
        Value signed = timeless.toBuilder()
                .signature(ALICE.sign(SignedContent.of(KEY, timeless)))
                .build();

        assertThat(verifier.problemWith(KEY, signed))
                .hasValueSatisfying(reason -> assertThat(reason).contains("without a creation time"));
    }
}

package io.rdht.core.sign;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.crypto.Identity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Property: flipping any single bit of a signed value, or of the key it is under, makes it rejected. */
class SignatureTamperingTest {

    private static final List<Identity> OWNERS = List.of(Identity.generate(), Identity.generate(), Identity.generate());
    private static final int RANDOM_VALUES = 400;

    private final SignatureVerifier verifier = new SignatureVerifier();

    /** A value and the key it was signed for. */
    private record Signed(InfoHash key, Value value) {}

    /** One part of a signed value whose bits can be flipped. */
    private enum Field {
        DATA {
            @Override
            int bits(Signed s) {
                return s.value().dataLength() * 8;
            }

            @Override
            Signed flip(Signed s, int bit) {
                return with(s, s.value().toBuilder().data(flipped(s.value().data(), bit)));
            }
        },
        OWNER {
            @Override
            int bits(Signed s) {
                return s.value().owner().length * 8;
            }

            @Override
            Signed flip(Signed s, int bit) {
                return with(s, s.value().toBuilder().owner(flipped(s.value().owner(), bit)));
            }
        },
        SIGNATURE {
            @Override
            int bits(Signed s) {
                return s.value().signature().length * 8;
            }

            @Override
            Signed flip(Signed s, int bit) {
                return with(s, s.value().toBuilder().signature(flipped(s.value().signature(), bit)));
            }
        },
        SEQ {
            @Override
            Signed flip(Signed s, int bit) {
                return with(s, s.value().toBuilder().seq(s.value().seq() ^ (1L << bit)));
            }
        },
        ID {
            @Override
            Signed flip(Signed s, int bit) {
                return with(s, s.value().toBuilder().id(s.value().id() ^ (1L << bit)));
            }
        },
        TTL {
            @Override
            Signed flip(Signed s, int bit) {
                return with(
                        s,
                        s.value().toBuilder()
                                .ttl(Duration.ofMillis(s.value().ttl().toMillis() ^ (1L << bit))));
            }
        },
        CREATED {
            @Override
            Signed flip(Signed s, int bit) {
                long millis = s.value().created().toEpochMilli() ^ (1L << bit);
                return with(s, s.value().toBuilder().created(Instant.ofEpochMilli(millis)));
            }
        },
        CONTENT_TYPE {
            @Override
            int bits(Signed s) {
                return s.value().contentType().getBytes(StandardCharsets.UTF_8).length * 8;
            }

            @Override
            Signed flip(Signed s, int bit) {
                byte[] utf8 = flipped(s.value().contentType().getBytes(StandardCharsets.UTF_8), bit);
                return with(s, s.value().toBuilder().contentType(new String(utf8, StandardCharsets.UTF_8)));
            }
        },
        RECIPIENT {
            @Override
            int bits(Signed s) {
                return s.value().recipient() == null ? 0 : s.value().recipient().length * 8;
            }

            @Override
            Signed flip(Signed s, int bit) {
                return with(s, s.value().toBuilder().recipient(flipped(s.value().recipient(), bit)));
            }
        },
        KEY {
            @Override
            int bits(Signed s) {
                return InfoHash.BITS;
            }

            @Override
            Signed flip(Signed s, int bit) {
                return new Signed(InfoHash.fromBytes(flipped(s.key().toBytes(), bit)), s.value());
            }
        };

        /** How many bits the field has in {@code s}; 64 unless said otherwise. */
        int bits(Signed s) {
            return Long.SIZE;
        }

        abstract Signed flip(Signed s, int bit);

        private static Signed with(Signed s, Value.Builder changed) {
            return new Signed(s.key(), changed.build());
        }

        private static byte[] flipped(byte[] bytes, int bit) {
            byte[] copy = bytes.clone();
            copy[bit / 8] ^= (byte) (1 << (bit % 8));
            return copy;
        }
    }

    private static Signed randomSigned(SplittableRandom random) {
        byte[] data = new byte[1 + random.nextInt(200)];
        random.nextBytes(data);
        Value.Builder value = Value.builder()
                .id(random.nextLong() | 1)
                .seq(random.nextLong())
                .data(data)
                .contentType(random.nextBoolean() ? "application/json" : "text/plain; charset=utf-8")
                .ttl(Duration.ofMillis(1 + random.nextLong(Duration.ofDays(1).toMillis())))
                .created(Instant.ofEpochMilli(1_700_000_000_000L + random.nextLong(100_000_000_000L)));
        if (random.nextBoolean()) {
            byte[] recipient = new byte[32];
            random.nextBytes(recipient);
            value.recipient(recipient);
        }
        InfoHash key = InfoHash.random(random);
        return new Signed(key, ValueSigner.sign(key, value.build(), OWNERS.get(random.nextInt(OWNERS.size()))));
    }

    private void assertRejected(Signed original, Field field, int bit) {
        Signed tampered = field.flip(original, bit);
        assertThat(verifier.problemWith(tampered.key(), tampered.value()))
                .as("%s with bit %d of its %s flipped", original.value(), bit, field)
                .isPresent();
    }

    @Test
    void flippingAnySingleBitOfOneSignedValueMakesItRejected() {
        Signed original = randomSigned(new SplittableRandom(1));
        while (original.value().recipient() == null) {
            original = randomSigned(new SplittableRandom(original.value().id()));
        }
        assertThat(verifier.problemWith(original.key(), original.value()))
                .as("the untouched value")
                .isEmpty();

        int flips = 0;
        for (Field field : Field.values()) {
            for (int bit = 0; bit < field.bits(original); bit++) {
                assertRejected(original, field, bit);
                flips++;
            }
        }
        assertThat(flips).as("bits flipped").isGreaterThan(1_500);
    }

    @Test
    void flippingARandomBitOfEachFieldOfManySignedValuesMakesThemRejected() {
        SplittableRandom random = new SplittableRandom(2026);
        for (int i = 0; i < RANDOM_VALUES; i++) {
            Signed original = randomSigned(random);
            assertThat(verifier.problemWith(original.key(), original.value()))
                    .as("untouched %s", original.value())
                    .isEmpty();
            for (Field field : Field.values()) {
                int bits = field.bits(original);
                if (bits > 0) {
                    assertRejected(original, field, random.nextInt(bits));
                }
            }
        }
    }
}

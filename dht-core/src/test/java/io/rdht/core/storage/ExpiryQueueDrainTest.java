package io.rdht.core.storage;

import static io.rdht.core.storage.StorageFixtures.NOW;
import static io.rdht.core.storage.StorageFixtures.address;
import static io.rdht.core.storage.StorageFixtures.unsigned;
import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The expiry queue at scale: every entry, current or stale, leaves it in time. */
class ExpiryQueueDrainTest {

    private static final int VALUES = 100_000;

    @Test
    void hundredThousandValuesExpireInOrderAndTheQueueDrains() {
        Storage storage = new Storage(new StorageLimits(64, VALUES, 1L << 40, 1L << 40, Duration.ofHours(24)));
        SplittableRandom random = new SplittableRandom(42);
        InfoHash[] keys = new InfoHash[VALUES / 50];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = InfoHash.random(random);
        }
        for (int i = 1; i <= VALUES; i++) {
            Value v = unsigned(i, 1, "v", Duration.ofMillis(1 + random.nextInt(3_600_000)));
            assertThat(storage.store(keys[i % keys.length], v, address(i % 300), NOW)
                            .accepted())
                    .isTrue();
            if (i % 3 == 0) {
                // A refresh with a longer TTL leaves an early entry behind to be moved.
                storage.store(
                        keys[i % keys.length],
                        v.toBuilder().ttl(Duration.ofHours(2)).build(),
                        address(i % 300),
                        NOW);
            } else if (i % 3 == 1) {
                // An edit with a shorter TTL leaves a stale entry behind.
                storage.store(
                        keys[i % keys.length],
                        unsigned(i, 2, "w", Duration.ofMillis(1 + random.nextInt(1000))),
                        address(i % 300),
                        NOW);
            }
        }
        assertThat(storage.valueCount()).isEqualTo(VALUES);
        long[] expiryById = new long[VALUES + 1];
        for (int i = 1; i <= VALUES; i++) {
            expiryById[i] = storage.expiryOf(keys[i % keys.length], i).orElseThrow();
        }
        assertThat(storage.expiryQueueSize()).isGreaterThan(VALUES);

        long expired = 0;
        long lastExpiry = Long.MIN_VALUE;
        while (storage.nextExpiry().isPresent()) {
            long due = storage.nextExpiry().getAsLong();
            assertThat(due).isGreaterThan(lastExpiry);
            List<ExpiredValue> batch = storage.expire(due);
            assertThat(batch)
                    .isNotEmpty()
                    .allSatisfy(
                            e -> assertThat(expiryById[(int) e.value().id()]).isEqualTo(due));
            expired += batch.size();
            lastExpiry = due;
        }

        assertThat(expired).isEqualTo(VALUES);
        assertThat(storage.expiryQueueSize()).isZero();
        assertThat(storage.valueCount()).isZero();
        assertThat(storage.keyCount()).isZero();
        assertThat(storage.totalBytes()).isZero();
        assertThat(storage.bytesFrom(address(1))).isZero();
    }

    @Test
    void repeatedEditsToShorterTtlsDoNotGrowTheQueue() {
        Storage storage = new Storage(StorageLimits.defaults());
        for (int seq = 1; seq <= 10_000; seq++) {
            Value edit = unsigned(1, seq, "edit " + seq, Duration.ofSeconds(20_000 - seq));
            assertThat(storage.store(StorageFixtures.KEY, edit, address(1), NOW).accepted())
                    .isTrue();
        }

        assertThat(storage.expiryQueueSize()).isLessThanOrEqualTo(2 + 64);
        assertThat(storage.nextExpiry()).hasValue(NOW + 10_000_000);
    }
}

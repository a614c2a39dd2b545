package io.rdht.core.storage;

import static io.rdht.core.storage.StorageFixtures.KEY;
import static io.rdht.core.storage.StorageFixtures.NOW;
import static io.rdht.core.storage.StorageFixtures.NOW_INSTANT;
import static io.rdht.core.storage.StorageFixtures.OTHER_KEY;
import static io.rdht.core.storage.StorageFixtures.OTHER_SOURCE;
import static io.rdht.core.storage.StorageFixtures.SOURCE;
import static io.rdht.core.storage.StorageFixtures.TEN_MINUTES;
import static io.rdht.core.storage.StorageFixtures.signed;
import static io.rdht.core.storage.StorageFixtures.unsigned;
import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.Value;
import io.rdht.core.storage.StoreOutcome.Refreshed;
import io.rdht.core.storage.StoreOutcome.Updated;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StorageExpiryTest {

    private static final long TEN_MINUTES_MS = TEN_MINUTES.toMillis();

    private final Storage storage = new Storage(StorageLimits.defaults());

    @Test
    void valueExpiresAtItsTtlAndNotBefore() {
        Value v = unsigned(1, "39%");
        storage.store(KEY, v, SOURCE, NOW);
        long expiry = NOW + TEN_MINUTES_MS;

        assertThat(storage.values(KEY, expiry - 1)).containsExactly(v);
        assertThat(storage.expire(expiry - 1)).isEmpty();
        assertThat(storage.values(KEY, expiry)).isEmpty();
        assertThat(storage.value(KEY, 1, expiry)).isEmpty();
        assertThat(storage.expire(expiry)).containsExactly(new ExpiredValue(KEY, v));
    }

    @Test
    void creationTimeStartsTheTtl() {
        Value v = unsigned(1, "39%").toBuilder()
                .created(NOW_INSTANT.minusSeconds(60))
                .build();

        storage.store(KEY, v, SOURCE, NOW);

        assertThat(storage.expiryOf(KEY, 1)).hasValue(NOW - 60_000 + TEN_MINUTES_MS);
    }

    @Test
    void ttlIsCappedByTheMaximumTtl() {
        Storage capped = new Storage(new StorageLimits(10, 10, 1 << 20, 1 << 20, Duration.ofMinutes(5)));
        Value unstamped = unsigned(1, 0, "long", Duration.ofDays(365));
        Value stamped = unsigned(2, 0, "long", Duration.ofDays(365)).toBuilder()
                .created(NOW_INSTANT)
                .build();
        Value fromTheFuture = unsigned(3, 0, "later", TEN_MINUTES).toBuilder()
                .created(NOW_INSTANT.plus(Duration.ofDays(1)))
                .build();
        Value short_ = unsigned(4, 0, "short", Duration.ofMinutes(1));

        capped.store(KEY, unstamped, SOURCE, NOW);
        capped.store(KEY, stamped, SOURCE, NOW);
        capped.store(KEY, fromTheFuture, SOURCE, NOW);
        capped.store(KEY, short_, SOURCE, NOW);

        long cap = NOW + Duration.ofMinutes(5).toMillis();
        assertThat(capped.expiryOf(KEY, 1)).hasValue(cap);
        assertThat(capped.expiryOf(KEY, 2)).hasValue(cap);
        assertThat(capped.expiryOf(KEY, 3)).hasValue(cap);
        assertThat(capped.expiryOf(KEY, 4)).hasValue(NOW + 60_000);
    }

    @Test
    void hugeTtlsAndCreationTimesSaturateInsteadOfOverflowing() {
        Storage unbounded =
                new Storage(new StorageLimits(10, 10, 1 << 20, 1 << 20, Duration.ofSeconds(Long.MAX_VALUE)));
        Value forever = unsigned(1, 0, "forever", Duration.ofSeconds(Long.MAX_VALUE));

        unbounded.store(KEY, forever, SOURCE, NOW);

        assertThat(unbounded.expiryOf(KEY, 1)).hasValue(Long.MAX_VALUE);
    }

    @Test
    void expireReturnsWhatItRemovesAndNextExpiryMoves() {
        Value soon = unsigned(1, 0, "soon", Duration.ofMinutes(1));
        Value later = unsigned(2, 0, "later", Duration.ofMinutes(2));
        Value elsewhere = unsigned(3, 0, "elsewhere", Duration.ofMinutes(2));
        storage.store(KEY, later, SOURCE, NOW);
        storage.store(KEY, soon, SOURCE, NOW);
        storage.store(OTHER_KEY, elsewhere, SOURCE, NOW);

        assertThat(storage.nextExpiry()).hasValue(NOW + 60_000);
        assertThat(storage.expire(NOW + 60_000)).containsExactly(new ExpiredValue(KEY, soon));
        assertThat(storage.nextExpiry()).hasValue(NOW + 120_000);
        assertThat(storage.values(KEY, NOW + 60_000)).containsExactly(later);

        assertThat(storage.expire(NOW + 500_000))
                .containsExactlyInAnyOrder(new ExpiredValue(KEY, later), new ExpiredValue(OTHER_KEY, elsewhere));
        assertThat(storage.nextExpiry()).isEmpty();
        assertThat(storage.keys()).isEmpty();
        assertThat(storage.valueCount()).isZero();
    }

    @Test
    void expireReturnsValuesInExpiryOrder() {
        for (int i = 1; i <= 5; i++) {
            storage.store(KEY, unsigned(i, 0, "v" + i, Duration.ofSeconds(10 - i)), SOURCE, NOW);
        }

        assertThat(storage.expire(NOW + 10_000)).extracting(e -> e.value().id()).containsExactly(5L, 4L, 3L, 2L, 1L);
    }

    @Test
    void aRefreshNeverShortensTheExpiry() {
        Value v = unsigned(1, "39%");
        storage.store(KEY, v, SOURCE, NOW);
        Value shorter = unsigned(1, 0, "39%", Duration.ofMinutes(1));

        assertThat(storage.store(KEY, shorter, SOURCE, NOW + 1000)).isEqualTo(new Refreshed(v, false));

        assertThat(storage.expiryOf(KEY, 1)).hasValue(NOW + TEN_MINUTES_MS);
        assertThat(storage.value(KEY, 1, NOW + 1000).orElseThrow().ttl()).isEqualTo(TEN_MINUTES);
        assertThat(storage.expire(NOW + 61_000)).isEmpty();
    }

    @Test
    void aRefreshMovesTheExpiryLaterAndKeepsTheValueUntilThen() {
        Value v = unsigned(1, "39%");
        storage.store(KEY, v, SOURCE, NOW);
        long refreshedAt = NOW + TEN_MINUTES_MS - 1;

        storage.store(KEY, v, OTHER_SOURCE, refreshedAt);

        long newExpiry = refreshedAt + TEN_MINUTES_MS;
        assertThat(storage.expire(NOW + TEN_MINUTES_MS)).isEmpty();
        assertThat(storage.nextExpiry()).hasValue(newExpiry);
        assertThat(storage.values(KEY, newExpiry - 1)).containsExactly(v);
        assertThat(storage.expire(newExpiry)).containsExactly(new ExpiredValue(KEY, v));
        assertThat(storage.expiryQueueSize()).isZero();
    }

    @Test
    void aSignedRefreshWhoseCapWasBindingMovesTheExpiryToTheNewCap() {
        Storage capped = new Storage(new StorageLimits(10, 10, 1 << 20, 1 << 20, Duration.ofMinutes(1)));
        Value v = signed(1, 1, 7, "39%").toBuilder().created(NOW_INSTANT).build();
        capped.store(KEY, v, SOURCE, NOW);

        assertThat(capped.store(KEY, v, SOURCE, NOW + 30_000)).isEqualTo(new Refreshed(v, true));

        assertThat(capped.expiryOf(KEY, v.identity())).hasValue(NOW + 90_000);
    }

    @Test
    void anEditToAShorterTtlExpiresAtTheNewTime() {
        Value first = unsigned(1, 1, "draft", TEN_MINUTES);
        Value edit = unsigned(1, 2, "final", Duration.ofMinutes(1));
        storage.store(KEY, first, SOURCE, NOW);

        assertThat(storage.store(KEY, edit, SOURCE, NOW)).isEqualTo(new Updated(first, edit));

        assertThat(storage.nextExpiry()).hasValue(NOW + 60_000);
        assertThat(storage.expire(NOW + 60_000)).containsExactly(new ExpiredValue(KEY, edit));
        assertThat(storage.expire(NOW + TEN_MINUTES_MS)).isEmpty();
        assertThat(storage.nextExpiry()).isEmpty();
        assertThat(storage.expiryQueueSize()).isZero();
    }

    @Test
    void anExpiredValueStillCountsUntilExpireRemovesIt() {
        Value v = unsigned(1, 0, "v", Duration.ofMinutes(1));
        storage.store(KEY, v, SOURCE, NOW);
        long after = NOW + 120_000;

        assertThat(storage.values(KEY, after)).isEmpty();
        assertThat(storage.snapshot(after)).isEmpty();
        assertThat(storage.valueCount()).isEqualTo(1);
        assertThat(storage.keys()).containsExactly(KEY);

        storage.expire(after);

        assertThat(storage.valueCount()).isZero();
    }

    @Test
    void byteAccountingReturnsToZeroAfterAnUpdateAndExpiry() {
        storage.store(KEY, unsigned(1, 1, "first", TEN_MINUTES), SOURCE, NOW);
        storage.store(KEY, unsigned(1, 2, "second, longer", TEN_MINUTES), OTHER_SOURCE, NOW + 1);
        storage.store(OTHER_KEY, unsigned(2, "other"), SOURCE, NOW + 2);

        storage.expire(NOW + 2 + TEN_MINUTES_MS);

        assertThat(storage.totalBytes()).isZero();
        assertThat(storage.bytesFrom(SOURCE)).isZero();
        assertThat(storage.bytesFrom(OTHER_SOURCE)).isZero();
        assertThat(storage.keyCount()).isZero();
        assertThat(storage.valueCount()).isZero();
    }

    @Test
    void aValueStoredAgainAfterExpiryIsAddedAfresh() {
        Value v = unsigned(1, 0, "v", Duration.ofMinutes(1));
        storage.store(KEY, v, SOURCE, NOW);
        storage.expire(NOW + 60_000);

        assertThat(storage.store(KEY, v, SOURCE, NOW + 60_000)).isEqualTo(new StoreOutcome.Added(v));
        assertThat(storage.expire(NOW + 119_999)).isEmpty();
        assertThat(storage.expire(NOW + 120_000)).containsExactly(new ExpiredValue(KEY, v));
    }
}

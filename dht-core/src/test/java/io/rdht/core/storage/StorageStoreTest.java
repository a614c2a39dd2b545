package io.rdht.core.storage;

import static io.rdht.core.storage.StorageFixtures.KEY;
import static io.rdht.core.storage.StorageFixtures.NOW;
import static io.rdht.core.storage.StorageFixtures.NOW_INSTANT;
import static io.rdht.core.storage.StorageFixtures.OTHER_KEY;
import static io.rdht.core.storage.StorageFixtures.SOURCE;
import static io.rdht.core.storage.StorageFixtures.TEN_MINUTES;
import static io.rdht.core.storage.StorageFixtures.unsigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rdht.core.InfoHash;
import io.rdht.core.KeySnapshot;
import io.rdht.core.Value;
import io.rdht.core.storage.StoreOutcome.Added;
import io.rdht.core.storage.StoreOutcome.Refreshed;
import io.rdht.core.storage.StoreOutcome.Refused;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorageStoreTest {

    private final Storage storage = new Storage(StorageLimits.defaults());

    @Test
    void storedValueCanBeReadBack() {
        Value v = unsigned(7, "39%");

        StoreOutcome outcome = storage.store(KEY, v, SOURCE, NOW);

        assertThat(outcome).isEqualTo(new Added(v));
        assertThat(outcome.accepted()).isTrue();
        assertThat(storage.values(KEY, NOW)).containsExactly(v);
        assertThat(storage.value(KEY, 7, NOW)).contains(v);
        assertThat(storage.value(KEY, 8, NOW)).isEmpty();
        assertThat(storage.value(OTHER_KEY, 7, NOW)).isEmpty();
        assertThat(storage.keys()).containsExactly(KEY);
        assertThat(storage.keyCount()).isEqualTo(1);
        assertThat(storage.valueCount()).isEqualTo(1);
        assertThat(storage.totalBytes()).isEqualTo(StorageLimits.chargeOf(v));
        assertThat(storage.bytesFrom(SOURCE)).isEqualTo(StorageLimits.chargeOf(v));
        assertThat(storage.expiryOf(KEY, 7)).hasValue(NOW + TEN_MINUTES.toMillis());
        assertThat(storage.expiryOf(KEY, 8)).isEmpty();
    }

    @Test
    void severalValuesLiveUnderOneKeyInUnsignedIdOrder() {
        Value high = unsigned(-1L, "id ffffffffffffffff");
        Value low = unsigned(2, "id 2");
        Value middle = unsigned(0x7fff_ffff_ffff_ffffL, "id 7fffffffffffffff");

        storage.store(KEY, high, SOURCE, NOW);
        storage.store(KEY, low, SOURCE, NOW);
        storage.store(KEY, middle, SOURCE, NOW);
        storage.store(OTHER_KEY, unsigned(2, "elsewhere"), SOURCE, NOW);

        assertThat(storage.values(KEY, NOW)).containsExactly(low, middle, high);
        assertThat(storage.keyCount()).isEqualTo(2);
        assertThat(storage.valueCount()).isEqualTo(4);
    }

    @Test
    void valuesOfAnUnknownKeyAreEmpty() {
        assertThat(storage.values(KEY, NOW)).isEmpty();
        assertThat(storage.nextExpiry()).isEmpty();
    }

    @Test
    void theSameContentAgainIsRefreshedAndNotCountedTwice() {
        Value v = unsigned(7, "39%");
        storage.store(KEY, v, SOURCE, NOW);

        StoreOutcome again = storage.store(KEY, v, SOURCE, NOW + 1000);

        assertThat(again).isEqualTo(new Refreshed(v, true));
        assertThat(storage.valueCount()).isEqualTo(1);
        assertThat(storage.totalBytes()).isEqualTo(StorageLimits.chargeOf(v));
    }

    @Test
    void valueWithAnUnassignedIdIsRefused() {
        assertRefusedAndNothingChanged(
                unsigned(Value.UNASSIGNED_ID, "no id"), Refusal.INVALID_VALUE, "value id is unassigned");
    }

    @Test
    void dataOverTheValueSizeLimitIsRefusedAndDataAtItIsStored() {
        Value over =
                Value.builder().id(1).data(new byte[Value.MAX_DATA_BYTES + 1]).build();
        Value at = Value.builder().id(2).data(new byte[Value.MAX_DATA_BYTES]).build();

        assertRefusedAndNothingChanged(over, Refusal.VALUE_TOO_LARGE, "data of 65537 bytes is over the limit");
        assertThat(storage.store(KEY, at, SOURCE, NOW)).isInstanceOf(Added.class);
    }

    @Test
    void zeroOrNegativeTtlIsRefused() {
        assertRefusedAndNothingChanged(
                unsigned(1, 0, "no time", Duration.ZERO), Refusal.INVALID_VALUE, "ttl must be positive, got PT0S");
        assertRefusedAndNothingChanged(
                unsigned(1, 0, "less", Duration.ofSeconds(-5)),
                Refusal.INVALID_VALUE,
                "ttl must be positive, got PT-5S");
    }

    @Test
    void valueCreatedLongerAgoThanItsTtlIsRefusedAsExpired() {
        Value old = unsigned(1, 0, "stale", TEN_MINUTES).toBuilder()
                .created(NOW_INSTANT.minus(TEN_MINUTES))
                .build();

        assertRefusedAndNothingChanged(old, Refusal.INVALID_VALUE, "expired at " + NOW + " ms, now is " + NOW);
    }

    @Test
    void aRefusalLeavesStoredValuesAndAccountingAlone() {
        Value kept = unsigned(5, "kept");
        storage.store(KEY, kept, SOURCE, NOW);

        assertRefusedAndNothingChanged(unsigned(0, "no id"), Refusal.INVALID_VALUE, "unassigned");
        assertThat(storage.values(KEY, NOW)).containsExactly(kept);
    }

    @Test
    void keysIsAnUnmodifiableSnapshot() {
        storage.store(KEY, unsigned(1, "a"), SOURCE, NOW);
        var keys = storage.keys();

        storage.store(OTHER_KEY, unsigned(1, "b"), SOURCE, NOW);

        assertThat(keys).containsExactly(KEY);
        assertThatThrownBy(() -> keys.add(OTHER_KEY)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void snapshotListsLiveValuesWithTheirRemainingTtlInKeyOrder() {
        Value a = unsigned(1, "a");
        Value b = unsigned(2, 0, "b", Duration.ofMinutes(1));
        Value other = unsigned(3, "other");
        storage.store(KEY, a, SOURCE, NOW);
        storage.store(KEY, b, SOURCE, NOW);
        storage.store(OTHER_KEY, other, SOURCE, NOW);

        List<KeySnapshot> early = storage.snapshot(NOW + 1000);
        List<KeySnapshot> late = storage.snapshot(NOW + Duration.ofMinutes(2).toMillis());

        InfoHash first = KEY.compareTo(OTHER_KEY) < 0 ? KEY : OTHER_KEY;
        assertThat(early).extracting(KeySnapshot::key).containsExactly(first, first == KEY ? OTHER_KEY : KEY);
        KeySnapshot ofKey =
                early.stream().filter(s -> s.key().equals(KEY)).findFirst().orElseThrow();
        assertThat(ofKey.values())
                .containsExactly(
                        new KeySnapshot.StoredValue(a, SOURCE, TEN_MINUTES.toMillis() - 1000),
                        new KeySnapshot.StoredValue(b, SOURCE, 59_000));
        assertThat(late.stream()
                        .filter(s -> s.key().equals(KEY))
                        .findFirst()
                        .orElseThrow()
                        .values())
                .extracting(KeySnapshot.StoredValue::value)
                .containsExactly(a);
        assertThatThrownBy(() -> early.add(early.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    private void assertRefusedAndNothingChanged(Value value, Refusal code, String reasonPart) {
        int keys = storage.keyCount();
        long values = storage.valueCount();
        long bytes = storage.totalBytes();
        long fromSource = storage.bytesFrom(SOURCE);

        StoreOutcome outcome = storage.store(KEY, value, SOURCE, NOW);

        assertThat(outcome).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.code()).isEqualTo(code);
            assertThat(r.reason()).contains(reasonPart);
        });
        assertThat(outcome.accepted()).isFalse();
        assertThat(storage.keyCount()).isEqualTo(keys);
        assertThat(storage.valueCount()).isEqualTo(values);
        assertThat(storage.totalBytes()).isEqualTo(bytes);
        assertThat(storage.bytesFrom(SOURCE)).isEqualTo(fromSource);
    }
}

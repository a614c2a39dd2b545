package io.rdht.core.storage;

import static io.rdht.core.storage.StorageFixtures.KEY;
import static io.rdht.core.storage.StorageFixtures.NOW;
import static io.rdht.core.storage.StorageFixtures.OTHER_KEY;
import static io.rdht.core.storage.StorageFixtures.OTHER_SOURCE;
import static io.rdht.core.storage.StorageFixtures.SOURCE;
import static io.rdht.core.storage.StorageFixtures.TEN_MINUTES;
import static io.rdht.core.storage.StorageFixtures.limits;
import static io.rdht.core.storage.StorageFixtures.unsigned;
import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.core.storage.StoreOutcome.Added;
import io.rdht.core.storage.StoreOutcome.Refused;
import io.rdht.core.storage.StoreOutcome.Updated;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The limits on values per key, keys and bytes: over one, a newcomer is refused and nothing is evicted. */
class StorageQuotaTest {

    /** Charge of a value with {@code n} bytes of data and content type text/plain. */
    private static long chargeOfText(int n) {
        return n + Value.TEXT_PLAIN.length() + StorageLimits.VALUE_OVERHEAD_BYTES;
    }

    private static Value sized(long id, int dataBytes) {
        return unsigned(id, "x".repeat(dataBytes));
    }

    @Test
    void valueOverTheValuesPerKeyLimitIsRefused() {
        Storage storage = new Storage(limits(2, 10, 1 << 20, 1 << 20));
        storage.store(KEY, unsigned(1, "a"), SOURCE, NOW);
        storage.store(KEY, unsigned(2, "b"), SOURCE, NOW);

        assertFullAndUnchanged(
                storage,
                KEY,
                unsigned(3, "c"),
                SOURCE,
                "values per key limit reached: key " + KEY.shortHex() + " holds 2 of 2 values");
        assertThat(storage.store(OTHER_KEY, unsigned(3, "c"), SOURCE, NOW)).isInstanceOf(Added.class);
    }

    @Test
    void valueUnderANewKeyOverTheKeyLimitIsRefused() {
        Storage storage = new Storage(limits(10, 1, 1 << 20, 1 << 20));
        storage.store(KEY, unsigned(1, "a"), SOURCE, NOW);

        assertFullAndUnchanged(storage, OTHER_KEY, unsigned(1, "b"), SOURCE, "key limit reached: 1 of 1 keys stored");
        assertThat(storage.store(KEY, unsigned(2, "more under a known key"), SOURCE, NOW))
                .isInstanceOf(Added.class);
    }

    @Test
    void valueOverTheTotalBytesLimitIsRefused() {
        long total = 2 * chargeOfText(100);
        Storage storage = new Storage(limits(10, 10, total, total));
        storage.store(KEY, sized(1, 100), SOURCE, NOW);
        storage.store(KEY, sized(2, 100), OTHER_SOURCE, NOW);

        assertFullAndUnchanged(
                storage,
                KEY,
                sized(3, 0),
                StorageFixtures.address(3),
                "total bytes limit reached: storing " + chargeOfText(0) + " bytes would make "
                        + (total + chargeOfText(0)) + " of " + total + " bytes");
    }

    @Test
    void valueOverTheBytesPerSourceLimitIsRefusedWhileOtherSourcesMayStore() {
        long perSource = chargeOfText(100) + chargeOfText(50);
        Storage storage = new Storage(limits(10, 10, 1 << 20, perSource));
        storage.store(KEY, sized(1, 100), SOURCE, NOW);

        assertFullAndUnchanged(
                storage,
                KEY,
                sized(2, 51),
                SOURCE,
                "bytes per source limit reached: storing " + chargeOfText(51) + " bytes would charge 10.0.0.1 "
                        + (perSource + 1) + " of " + perSource + " bytes");
        assertThat(storage.store(KEY, sized(2, 50), SOURCE, NOW)).isInstanceOf(Added.class);
        assertThat(storage.store(KEY, sized(3, 100), OTHER_SOURCE, NOW)).isInstanceOf(Added.class);
        assertThat(storage.bytesFrom(SOURCE)).isEqualTo(perSource);
    }

    @Test
    void anUpdateIsChargedToItsSenderAndReleasesTheOldCharge() {
        Storage storage = new Storage(StorageLimits.defaults());
        Value first = unsigned(1, 1, "x".repeat(100), TEN_MINUTES);
        Value edit = unsigned(1, 2, "x".repeat(10), TEN_MINUTES);
        storage.store(KEY, first, SOURCE, NOW);

        assertThat(storage.store(KEY, edit, OTHER_SOURCE, NOW)).isInstanceOf(Updated.class);

        assertThat(storage.bytesFrom(SOURCE)).isZero();
        assertThat(storage.bytesFrom(OTHER_SOURCE)).isEqualTo(chargeOfText(10));
        assertThat(storage.totalBytes()).isEqualTo(chargeOfText(10));
        assertThat(storage.valueCount()).isEqualTo(1);
    }

    @Test
    void anUpdateBySameSourceIsCheckedAgainstItsChargeLessTheOldVersion() {
        long perSource = chargeOfText(100);
        Storage storage = new Storage(limits(10, 10, 1 << 20, perSource));
        storage.store(KEY, unsigned(1, 1, "x".repeat(90), TEN_MINUTES), SOURCE, NOW);

        assertThat(storage.store(KEY, unsigned(1, 2, "x".repeat(100), TEN_MINUTES), SOURCE, NOW))
                .isInstanceOf(Updated.class);
        assertThat(storage.bytesFrom(SOURCE)).isEqualTo(perSource);
    }

    @Test
    void anUpdateThatWouldPutItsSenderOverItsLimitIsRefused() {
        long perSource = chargeOfText(100);
        Storage storage = new Storage(limits(10, 10, 1 << 20, perSource));
        Value first = unsigned(1, 1, "small", TEN_MINUTES);
        storage.store(KEY, first, SOURCE, NOW);
        storage.store(KEY, sized(2, 100), OTHER_SOURCE, NOW);

        StoreOutcome outcome = storage.store(KEY, unsigned(1, 2, "edit", TEN_MINUTES), OTHER_SOURCE, NOW);

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Refused.class, r -> assertThat(r.reason()).startsWith("bytes per source limit reached"));
        assertThat(storage.value(KEY, 1, NOW)).contains(first);
        assertThat(storage.bytesFrom(SOURCE)).isEqualTo(StorageLimits.chargeOf(first));
        assertThat(storage.bytesFrom(OTHER_SOURCE)).isEqualTo(perSource);
    }

    @Test
    void aRefreshFromAnotherSourceLeavesTheChargeWhereItIs() {
        Storage storage = new Storage(StorageLimits.defaults());
        Value v = unsigned(1, "shared");
        storage.store(KEY, v, SOURCE, NOW);

        storage.store(KEY, v, OTHER_SOURCE, NOW + 1000);

        assertThat(storage.bytesFrom(SOURCE)).isEqualTo(StorageLimits.chargeOf(v));
        assertThat(storage.bytesFrom(OTHER_SOURCE)).isZero();
    }

    private static void assertFullAndUnchanged(
            Storage storage, InfoHash key, Value value, InetAddress source, String reason) {
        int keys = storage.keyCount();
        long values = storage.valueCount();
        long bytes = storage.totalBytes();
        long fromSource = storage.bytesFrom(source);

        StoreOutcome outcome = storage.store(key, value, source, NOW);

        assertThat(outcome).isEqualTo(new Refused(Refusal.STORAGE_FULL, reason));
        assertThat(storage.keyCount()).isEqualTo(keys);
        assertThat(storage.valueCount()).isEqualTo(values);
        assertThat(storage.totalBytes()).isEqualTo(bytes);
        assertThat(storage.bytesFrom(source)).isEqualTo(fromSource);
        assertThat(storage.value(key, value.identity(), NOW)).isEmpty();
    }
}

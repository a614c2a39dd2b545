package io.rdht.core.storage;

import static io.rdht.core.storage.StorageFixtures.KEY;
import static io.rdht.core.storage.StorageFixtures.NOW;
import static io.rdht.core.storage.StorageFixtures.OTHER_KEY;
import static io.rdht.core.storage.StorageFixtures.SOURCE;
import static io.rdht.core.storage.StorageFixtures.address;
import static io.rdht.core.storage.StorageFixtures.unsigned;
import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.Value;
import io.rdht.core.storage.StoreOutcome.Refused;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each source address's share of a key three quarters full: values and bytes. */
class KeySharePerSourceTest {

    private final Storage storage = new Storage(StorageLimits.defaults());

    @Test
    void oneSourceFillsAKeyOnlyToThreeQuartersAndNewSourcesStoreTheirShareOfTheRest() {
        StorageLimits limits = StorageLimits.defaults();
        for (int id = 1; id <= limits.sharedFrom(); id++) {
            assertThat(storage.store(KEY, unsigned(id, "x"), SOURCE, NOW).accepted())
                    .as("value %d", id)
                    .isTrue();
        }

        StoreOutcome over = storage.store(KEY, unsigned(100_000, "x"), SOURCE, NOW);

        assertThat(over).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.code()).isEqualTo(Refusal.STORAGE_FULL);
            assertThat(r.reason()).startsWith("values per key per source limit reached");
        });
        for (int id = 1; id <= limits.maxValuesPerKeyPerSource(); id++) {
            assertThat(storage.store(KEY, unsigned(200_000 + id, "n"), address(7), NOW)
                            .accepted())
                    .isTrue();
        }
        assertThat(storage.store(KEY, unsigned(300_000, "n"), address(7), NOW).accepted())
                .isFalse();
        assertThat(storage.store(KEY, unsigned(400_000, "one sensor"), address(8), NOW)
                        .accepted())
                .isTrue();
        assertThat(storage.store(OTHER_KEY, unsigned(1, "another key"), SOURCE, NOW)
                        .accepted())
                .isTrue();
    }

    @Test
    void belowThreeQuartersNoShareAppliesSoOneStorerCanHandAKeyOn() {
        Storage small = new Storage(limits(8, 1, 1 << 20));
        for (int id = 1; id <= 6; id++) {
            assertThat(small.store(KEY, unsigned(id, "x"), SOURCE, NOW).accepted())
                    .as("value %d", id)
                    .isTrue();
        }
        assertThat(small.store(KEY, unsigned(7, "x"), SOURCE, NOW).accepted()).isFalse();
    }

    @Test
    void anEditBySameSourceNeedsNoMoreShareButItsBytesCount() {
        // room for a short value or its short edit, not for an edit of 300 bytes
        Storage small = new Storage(limits(4, 1, StorageLimits.VALUE_OVERHEAD_BYTES + 236));
        small.store(KEY, unsigned(10, "a"), address(10), NOW);
        small.store(KEY, unsigned(11, "b"), address(11), NOW);
        Value first = unsigned(1, 1, "x", StorageFixtures.TEN_MINUTES);
        small.store(KEY, first, SOURCE, NOW);

        assertThat(small.store(KEY, unsigned(1, 2, "edit", StorageFixtures.TEN_MINUTES), SOURCE, NOW)
                        .accepted())
                .isTrue();
        assertThat(small.store(KEY, unsigned(1, 3, "y".repeat(300), StorageFixtures.TEN_MINUTES), SOURCE, NOW))
                .isInstanceOfSatisfying(
                        Refused.class,
                        r -> assertThat(r.reason()).startsWith("bytes per key per source limit reached"));
    }

    @Test
    void expiredValuesGiveTheirShareBack() {
        Storage small = new Storage(limits(4, 1, 1 << 20));
        small.store(KEY, unsigned(10, "a"), address(10), NOW);
        small.store(KEY, unsigned(11, "b"), address(11), NOW);
        small.store(KEY, unsigned(1, 0, "x", Duration.ofSeconds(1)), SOURCE, NOW);
        assertThat(small.store(KEY, unsigned(2, "y"), SOURCE, NOW).accepted()).isFalse();

        small.expire(NOW + 1_000);

        assertThat(small.valuesFrom(KEY, new InetSocketAddress(SOURCE, 0))).isZero();
        assertThat(small.store(KEY, unsigned(2, "y"), SOURCE, NOW + 1_000).accepted())
                .isTrue();
    }

    @Test
    void onALoopbackAddressEachPortHasAShareOfItsOwnElsewhereThePortDoesNotCount() throws Exception {
        Storage small = new Storage(limits(12, 1, 1 << 20));
        for (int i = 0; i < 9; i++) {
            small.store(KEY, unsigned(100 + i, "fill"), address(20 + i), NOW);
        }
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});

        assertThat(small.store(KEY, unsigned(3, "c"), new InetSocketAddress(SOURCE, 4000), NOW)
                        .accepted())
                .isTrue();
        assertThat(small.store(KEY, unsigned(4, "d"), new InetSocketAddress(SOURCE, 4001), NOW)
                        .accepted())
                .isFalse();
        assertThat(small.store(KEY, unsigned(1, "a"), new InetSocketAddress(loopback, 4000), NOW)
                        .accepted())
                .isTrue();
        assertThat(small.store(KEY, unsigned(2, "b"), new InetSocketAddress(loopback, 4001), NOW)
                        .accepted())
                .isTrue();
    }

    private static StorageLimits limits(int valuesPerKey, int share, long shareBytes) {
        return new StorageLimits(valuesPerKey, 100, 1L << 30, 1L << 30, Duration.ofHours(24), share, shareBytes);
    }
}

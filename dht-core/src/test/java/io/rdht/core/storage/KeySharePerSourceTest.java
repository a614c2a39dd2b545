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
import io.rdht.core.wire.ErrorCode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each source address's share of one key: values and bytes. */
class KeySharePerSourceTest {

    private final Storage storage = new Storage(StorageLimits.defaults());

    @Test
    void oneSourceStoresItsShareOfAKeyAndNoMoreWhileANewSourceStillStores() {
        int share = StorageLimits.defaults().maxValuesPerKeyPerSource();
        for (int id = 1; id <= share; id++) {
            assertThat(storage.store(KEY, unsigned(id, "x"), SOURCE, NOW).accepted()).isTrue();
        }

        StoreOutcome over = storage.store(KEY, unsigned(share + 1, "x"), SOURCE, NOW);

        assertThat(over).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.code()).isEqualTo(ErrorCode.STORAGE_FULL);
            assertThat(r.reason()).startsWith("values per key per source limit reached");
        });
        assertThat(storage.store(KEY, unsigned(10_000, "newcomer"), address(7), NOW).accepted()).isTrue();
        assertThat(storage.store(OTHER_KEY, unsigned(1, "another key"), SOURCE, NOW).accepted()).isTrue();
        assertThat(storage.valuesFrom(KEY, new InetSocketAddress(SOURCE, 0))).isEqualTo(share);
    }

    @Test
    void anEditBySameSourceNeedsNoMoreShareButItsBytesCount() {
        Storage small = new Storage(StorageLimits.defaults().withPerKeyPerSource(1, 200));
        Value first = unsigned(1, 1, "x", StorageFixtures.TEN_MINUTES);
        small.store(KEY, first, SOURCE, NOW);

        assertThat(small.store(KEY, unsigned(1, 2, "edit", StorageFixtures.TEN_MINUTES), SOURCE, NOW).accepted())
                .isTrue();
        assertThat(small.store(KEY, unsigned(1, 3, "y".repeat(200), StorageFixtures.TEN_MINUTES), SOURCE, NOW))
                .isInstanceOfSatisfying(Refused.class,
                        r -> assertThat(r.reason()).startsWith("bytes per key per source limit reached"));
    }

    @Test
    void expiredValuesGiveTheirShareBack() {
        Storage small = new Storage(StorageLimits.defaults().withPerKeyPerSource(1, 1 << 20));
        small.store(KEY, unsigned(1, 0, "x", Duration.ofSeconds(1)), SOURCE, NOW);
        assertThat(small.store(KEY, unsigned(2, "y"), SOURCE, NOW).accepted()).isFalse();

        small.expire(NOW + 1_000);

        assertThat(small.valuesFrom(KEY, new InetSocketAddress(SOURCE, 0))).isZero();
        assertThat(small.store(KEY, unsigned(2, "y"), SOURCE, NOW + 1_000).accepted()).isTrue();
    }

    @Test
    void onALoopbackAddressEachPortHasAShareOfItsOwnElsewhereThePortDoesNotCount() throws Exception {
        Storage small = new Storage(StorageLimits.defaults().withPerKeyPerSource(1, 1 << 20));
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});

        assertThat(small.store(KEY, unsigned(1, "a"), new InetSocketAddress(loopback, 4000), NOW).accepted()).isTrue();
        assertThat(small.store(KEY, unsigned(2, "b"), new InetSocketAddress(loopback, 4001), NOW).accepted()).isTrue();
        assertThat(small.store(KEY, unsigned(3, "c"), new InetSocketAddress(SOURCE, 4000), NOW).accepted()).isTrue();
        assertThat(small.store(KEY, unsigned(4, "d"), new InetSocketAddress(SOURCE, 4001), NOW).accepted()).isFalse();
    }
}

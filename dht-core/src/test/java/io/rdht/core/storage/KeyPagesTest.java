package io.rdht.core.storage;

import static io.rdht.core.storage.StorageFixtures.KEY;
import static io.rdht.core.storage.StorageFixtures.NOW;
import static io.rdht.core.storage.StorageFixtures.signed;
import static io.rdht.core.storage.StorageFixtures.unsigned;
import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.Value;
import io.rdht.core.ValueIdentity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Paging a key by identity: every value once, in identity order, whatever is added meanwhile. */
class KeyPagesTest {

    private final Storage storage = new Storage(StorageLimits.defaults().withPerKeyPerSource(1024, 1L << 30));

    @Test
    void pagesFromAfterTheLastIdentityReturnEveryValueOnceAndEnd() {
        for (int i = 0; i < 1000; i++) {
            storage.store(KEY, unsigned(i * 7919L + 1, "v" + i), StorageFixtures.address(i % 50), NOW);
        }
        storage.store(KEY, signed(1, 1, 3, "signed under an unsigned value's id"), StorageFixtures.SOURCE, NOW);
        storage.store(KEY, signed(1, 1, 4, "another owner, same id"), StorageFixtures.SOURCE, NOW);

        List<Value> all = new ArrayList<>();
        ValueIdentity after = null;
        int pages = 0;
        while (pages++ < 100) {
            List<Value> page = storage.valuesAfter(KEY, after, NOW);
            List<Value> taken = page.subList(0, Math.min(256, page.size()));
            if (taken.isEmpty()) {
                break;
            }
            all.addAll(taken);
            after = taken.get(taken.size() - 1).identity();
        }

        Set<ValueIdentity> distinct = new HashSet<>();
        all.forEach(v -> distinct.add(v.identity()));
        assertThat(all).hasSize(1002);
        assertThat(distinct).hasSize(1002);
        assertThat(pages).isEqualTo(5);
        assertThat(all).extracting(Value::identity).isSorted();
    }

    @Test
    void identitiesOrderByIdThenUnsignedFirstThenOwner() {
        ValueIdentity unsignedOne = ValueIdentity.unsigned(1);
        ValueIdentity signedOne = signed(1, 0, 2, "a").identity();
        ValueIdentity signedOneOtherOwner = signed(1, 0, 0x90, "a").identity();
        ValueIdentity highId = ValueIdentity.unsigned(-1);

        assertThat(List.of(highId, signedOneOtherOwner, signedOne, unsignedOne))
                .isSortedAccordingTo((a, b) -> -a.compareTo(b));
        assertThat(storage.valuesAfter(KEY, unsignedOne, NOW)).isEmpty();
    }
}

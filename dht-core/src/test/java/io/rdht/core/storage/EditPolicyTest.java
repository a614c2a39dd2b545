package io.rdht.core.storage;

import static io.rdht.core.storage.StorageFixtures.KEY;
import static io.rdht.core.storage.StorageFixtures.NOW;
import static io.rdht.core.storage.StorageFixtures.OTHER_SOURCE;
import static io.rdht.core.storage.StorageFixtures.SOURCE;
import static io.rdht.core.storage.StorageFixtures.TEN_MINUTES;
import static io.rdht.core.storage.StorageFixtures.signed;
import static io.rdht.core.storage.StorageFixtures.unsigned;
import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.Value;
import io.rdht.core.storage.StoreOutcome.Refused;
import io.rdht.core.storage.StoreOutcome.Updated;
import org.junit.jupiter.api.Test;

/** The edit policy as seen through {@link Storage#store}: who may replace a stored value, and what is another value. */
class EditPolicyTest {

    private static final int ALICE = 1;
    private static final int MALLORY = 2;

    private final Storage storage = new Storage(StorageLimits.defaults());

    @Test
    void signedValueIsUpdatedByItsOwnerWithAHigherSeq() {
        Value first = signed(9, 1, ALICE, "39%");
        Value edit = signed(9, 2, ALICE, "41%");
        storage.store(KEY, first, SOURCE, NOW);

        assertThat(storage.store(KEY, edit, OTHER_SOURCE, NOW + 1)).isEqualTo(new Updated(first, edit));
        assertThat(storage.values(KEY, NOW + 1)).containsExactly(edit);
    }

    @Test
    void signedValueWithEqualSeqAndOtherContentIsRefused() {
        assertRefusedOver(
                signed(9, 1, ALICE, "39%"),
                signed(9, 1, ALICE, "99%"),
                "has seq 1 stored with other content; an edit needs a higher seq");
    }

    @Test
    void signedValueWithALowerSeqIsRefused() {
        assertRefusedOver(
                signed(9, 5, ALICE, "39%"), signed(9, 4, ALICE, "older"), "seq 4 is lower than the stored seq 5");
    }

    @Test
    void anotherOwnersValueWithTheSameIdIsStoredBesideAndChangesNothingOfTheFirst() {
        assertStoredBeside(signed(9, 1, ALICE, "39%"), signed(9, 100, MALLORY, "0%"));
    }

    @Test
    void anUnsignedValueWithASignedValuesIdIsAnotherValue() {
        assertStoredBeside(signed(9, 1, ALICE, "39%"), unsigned(9, 2, "0%", TEN_MINUTES));
    }

    @Test
    void aSignedValueWithAnUnsignedValuesIdIsAnotherValue() {
        assertStoredBeside(unsigned(9, 1, "note", TEN_MINUTES), signed(9, 2, MALLORY, "mine now"));
    }

    @Test
    void unsignedValueIsUpdatedByAnUnsignedOneWithAHigherSeq() {
        Value first = unsigned(9, 1, "draft", TEN_MINUTES);
        Value edit = unsigned(9, 2, "final", TEN_MINUTES);
        storage.store(KEY, first, SOURCE, NOW);

        assertThat(storage.store(KEY, edit, SOURCE, NOW)).isEqualTo(new Updated(first, edit));
        assertThat(storage.value(KEY, 9, NOW)).contains(edit);
    }

    @Test
    void unsignedValueWithOtherContentAndNoHigherSeqIsRefused() {
        assertRefusedOver(
                unsigned(9, 3, "draft", TEN_MINUTES),
                unsigned(9, 3, "other", TEN_MINUTES),
                "value id 9 has seq 3 stored with other content");
        assertRefusedOver(
                unsigned(9, 3, "draft", TEN_MINUTES),
                unsigned(9, 2, "older", TEN_MINUTES),
                "value id 9: seq 2 is lower than the stored seq 3");
    }

    @Test
    void refusalIdsAreShownInHexLikeValues() {
        assertRefusedOver(
                unsigned(0xabcL, 1, "x", TEN_MINUTES),
                unsigned(0xabcL, 1, "y", TEN_MINUTES),
                "value id abc has seq 1 stored");
    }

    private void assertStoredBeside(Value first, Value sameId) {
        storage.store(KEY, first, SOURCE, NOW);

        assertThat(storage.store(KEY, sameId, OTHER_SOURCE, NOW + 1)).isEqualTo(new StoreOutcome.Added(sameId));
        assertThat(storage.values(KEY, NOW + 1)).containsExactlyInAnyOrder(first, sameId);
        assertThat(storage.value(KEY, first.identity(), NOW + 1)).contains(first);
        assertThat(storage.bytesFrom(SOURCE)).isEqualTo(StorageLimits.chargeOf(first));
    }

    private void assertRefusedOver(Value stored, Value incoming, String reasonPart) {
        Storage fresh = new Storage(StorageLimits.defaults());
        fresh.store(KEY, stored, SOURCE, NOW);
        long bytes = fresh.totalBytes();
        long expiry = fresh.expiryOf(KEY, stored.identity()).orElseThrow();

        StoreOutcome outcome = fresh.store(KEY, incoming, OTHER_SOURCE, NOW + 1000);

        assertThat(outcome).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.code()).isEqualTo(Refusal.INVALID_VALUE);
            assertThat(r.reason()).contains(reasonPart);
        });
        assertThat(fresh.values(KEY, NOW + 1000)).containsExactly(stored);
        assertThat(fresh.expiryOf(KEY, stored.identity())).hasValue(expiry);
        assertThat(fresh.totalBytes()).isEqualTo(bytes);
        assertThat(fresh.bytesFrom(OTHER_SOURCE)).isZero();
    }
}

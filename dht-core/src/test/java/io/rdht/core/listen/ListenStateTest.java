package io.rdht.core.listen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.rdht.core.Value;
import io.rdht.core.ValueEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListenStateTest {

    private static final long T0 = 1_700_000_000_000L;
    private final ListenState state = new ListenState();

    private Optional<ValueEvent> offer(Value v, long now) {
        return state.offer(v, v, now);
    }

    private static Value value(long id, long seq, String text, long createdMillis) {
        return Value.builder()
                .id(id)
                .seq(seq)
                .text(text)
                .ttl(Duration.ofMinutes(10))
                .created(Instant.ofEpochMilli(createdMillis))
                .build();
    }

    @Test
    void eachCopyOfAValueMakesOneAddedThenNothing() {
        Value v = value(1, 0, "a", T0);
        assertThat(offer(v, T0)).contains(new ValueEvent.Added(v));
        assertThat(offer(v, T0 + 5)).isEmpty();
        assertThat(offer(v, T0 + 9)).isEmpty();
        assertThat(state.size()).isEqualTo(1);
    }

    @Test
    void higherSeqIsUpdatedAndLowerOrEqualSeqIsIgnored() {
        Value v1 = value(1, 1, "a", T0);
        Value v2 = value(1, 2, "b", T0);
        offer(v1, T0);
        assertThat(offer(v2, T0)).contains(new ValueEvent.Updated(v1, v2));
        assertThat(offer(v1, T0)).isEmpty();
        assertThat(offer(value(1, 2, "forged", T0), T0)).isEmpty();
        assertThat(state.current()).containsExactly(v2);
    }

    @Test
    void anotherOwnersValueUnderTheSameIdIsAnotherValueNotAnEdit() {
        byte[] alice = new byte[32];
        byte[] mallory = new byte[32];
        mallory[0] = 1;
        Value original = value(1, 1, "a", T0).toBuilder()
                .owner(alice)
                .signature(new byte[64])
                .build();
        Value takeover = value(1, 9, "b", T0).toBuilder()
                .owner(mallory)
                .signature(new byte[64])
                .build();
        offer(original, T0);
        assertThat(offer(takeover, T0)).contains(new ValueEvent.Added(takeover));
        assertThat(offer(original.toBuilder().seq(2).build(), T0))
                .isPresent()
                .get()
                .isInstanceOf(ValueEvent.Updated.class);
        assertThat(state.current()).hasSize(2);
    }

    @Test
    void valueExpiresAtCreationPlusTtlAndNotBefore() {
        Value v = value(1, 0, "a", T0);
        offer(v, T0);
        assertThat(state.nextExpiry()).hasValue(T0 + 600_000);
        assertThat(state.expire(T0 + 599_999)).isEmpty();
        assertThat(state.expire(T0 + 600_000)).containsExactly(new ValueEvent.Expired(v));
        assertThat(state.size()).isZero();
        assertThat(state.nextExpiry()).isEmpty();
    }

    @Test
    void republishedCopyMovesTheExpiryLaterWithoutAnEvent() {
        offer(value(1, 0, "a", T0), T0);
        assertThat(offer(value(1, 0, "a", T0 + 300_000), T0 + 300_000)).isEmpty();
        assertThat(state.expire(T0 + 600_000)).isEmpty();
        assertThat(state.nextExpiry()).hasValue(T0 + 900_000);
    }

    @Test
    void alreadyExpiredCopyIsIgnored() {
        assertThat(offer(value(1, 0, "a", T0), T0 + 600_000)).isEmpty();
        assertThat(state.size()).isZero();
    }

    @Test
    void aCopyOfTheSameVersionSignedAnewOverALaterCreationTimeOnlyMovesTheExpiry() {
        Value first = value(1, 4, "a", T0).toBuilder()
                .owner(new byte[32])
                .signature(new byte[64])
                .build();
        byte[] otherSignature = new byte[64];
        otherSignature[0] = 7;
        Value renewed = first.toBuilder()
                .created(java.time.Instant.ofEpochMilli(T0 + 60_000))
                .signature(otherSignature)
                .build();
        offer(first, T0);

        assertThat(offer(renewed, T0 + 60_000)).isEmpty();
        assertThat(state.expire(T0 + 60_000 + 9 * 60_000)).isEmpty();
        assertThat(state.size()).isOne();
    }

    @Test
    void receivedListsWhatIsHeldUpToTheLimit() {
        offer(value(1, 3, "a", T0), T0);
        offer(value(2, 0, "b", T0), T0);
        assertThat(state.received(10))
                .extracting(Value::id, Value::seq, v -> v.created().toEpochMilli())
                .containsExactlyInAnyOrder(tuple(1L, 3L, T0), tuple(2L, 0L, T0));
        assertThat(state.received(1)).hasSize(1);
    }
}

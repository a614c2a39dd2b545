package io.rdht.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReassemblerTest {
    private static final InetSocketAddress ALICE = new InetSocketAddress("10.0.0.1", 4000);
    private static final InetSocketAddress BOB = new InetSocketAddress("10.0.0.2", 4000);

    private final Reassembler reassembler = new Reassembler();

    private static Fragment piece(long messageId, int index, int count, int bytes) {
        byte[] chunk = new byte[bytes];
        chunk[0] = (byte) index;
        return new Fragment(messageId, index, count, chunk);
    }

    private static InetSocketAddress source(int n) {
        return new InetSocketAddress("10.1." + (n >> 8 & 0xff) + "." + (n & 0xff), 4000);
    }

    @Test
    void piecesJoinInIndexOrderWhateverOrderTheyArriveIn() {
        assertThat(reassembler.accept(ALICE, new Fragment(1, 2, 3, new byte[] {5, 6}), 0))
                .isEmpty();
        assertThat(reassembler.accept(ALICE, new Fragment(1, 0, 3, new byte[] {1, 2}), 0))
                .isEmpty();

        Optional<byte[]> whole = reassembler.accept(ALICE, new Fragment(1, 1, 3, new byte[] {3, 4}), 0);

        assertThat(whole).hasValueSatisfying(m -> assertThat(m).containsExactly(1, 2, 3, 4, 5, 6));
        assertThat(reassembler.partialCount()).isZero();
        assertThat(reassembler.bufferedBytes()).isZero();
        assertThat(reassembler.completedMessages()).isOne();
    }

    @Test
    void repeatedPieceIsIgnored() {
        reassembler.accept(ALICE, piece(1, 0, 2, 10), 0);
        reassembler.accept(ALICE, piece(1, 0, 2, 10), 0);

        assertThat(reassembler.duplicateFragments()).isOne();
        assertThat(reassembler.bufferedBytes()).isEqualTo(10);
        assertThat(reassembler.accept(ALICE, piece(1, 1, 2, 10), 0)).isPresent();
    }

    @Test
    void sameMessageIdFromAnotherSourceIsAnotherMessage() {
        reassembler.accept(ALICE, piece(1, 0, 2, 10), 0);

        assertThat(reassembler.accept(BOB, piece(1, 1, 2, 10), 0)).isEmpty();
        assertThat(reassembler.partialCount()).isEqualTo(2);
    }

    @Test
    void pieceWithAnotherCountDropsThePartialMessage() {
        reassembler.accept(ALICE, piece(1, 0, 3, 10), 0);
        reassembler.accept(ALICE, piece(1, 1, 3, 10), 0);

        assertThat(reassembler.accept(ALICE, piece(1, 2, 4, 10), 0)).isEmpty();
        assertThat(reassembler.partialCount()).isZero();
        assertThat(reassembler.bufferedBytes()).isZero();
        assertThat(reassembler.inconsistentPartials()).isOne();
        assertThat(reassembler.accept(ALICE, piece(1, 2, 3, 10), 0))
                .as("the old pieces are gone")
                .isEmpty();
    }

    @Test
    void piecesAddingUpToMoreThanTheLargestMessageAreDropped() {
        int full = WireLimits.DATAGRAM_PAYLOAD;
        int dropAfter = WireLimits.MAX_MESSAGE_BYTES / full + 1;

        for (int i = 0; i < dropAfter; i++) {
            assertThat(reassembler.accept(ALICE, piece(1, i, WireLimits.MAX_FRAGMENTS, full), 0))
                    .isEmpty();
        }

        assertThat(reassembler.inconsistentPartials()).isOne();
        assertThat(reassembler.partialCount()).isZero();
    }

    @Test
    void ninthPartialMessageFromOneSourcePushesOutItsOldest() {
        for (long id = 1; id <= Reassembler.MAX_PARTIALS_PER_SOURCE; id++) {
            reassembler.accept(ALICE, piece(id, 0, 2, 10), id);
        }
        reassembler.accept(BOB, piece(1, 0, 2, 10), 20);

        reassembler.accept(ALICE, piece(100, 0, 2, 10), 30);

        assertThat(reassembler.partialCount()).isEqualTo(Reassembler.MAX_PARTIALS_PER_SOURCE + 1);
        assertThat(reassembler.evictedPartials()).isOne();
        assertThat(reassembler.accept(ALICE, piece(2, 1, 2, 10), 40))
                .as("alice's second survives")
                .isPresent();
        assertThat(reassembler.accept(BOB, piece(1, 1, 2, 10), 40))
                .as("bob is untouched")
                .isPresent();
        assertThat(reassembler.accept(ALICE, piece(1, 1, 2, 10), 40))
                .as("alice's oldest is gone")
                .isEmpty();
    }

    @Test
    void partialMessagesBeyondTheTotalCountPushOutTheOldest() {
        for (int n = 0; n < Reassembler.MAX_PARTIALS + 10; n++) {
            reassembler.accept(source(n), piece(1, 0, 2, 1), n);
        }

        assertThat(reassembler.partialCount()).isEqualTo(Reassembler.MAX_PARTIALS);
        assertThat(reassembler.evictedPartials()).isEqualTo(10);
        assertThat(reassembler.accept(source(10), piece(1, 1, 2, 1), 2000))
                .as("oldest kept")
                .isPresent();
        assertThat(reassembler.accept(source(9), piece(1, 1, 2, 1), 2000))
                .as("one of the ten oldest is gone")
                .isEmpty();
    }

    @Test
    void bufferedBytesNeverExceedTheBoundAndTheOldestGoFirst() {
        int piecesPerMessage = 100;
        int messageBytes = piecesPerMessage * WireLimits.DATAGRAM_PAYLOAD;
        int messages = (int) (Reassembler.MAX_BUFFERED_BYTES / messageBytes) + 3;

        for (int n = 0; n < messages; n++) {
            for (int i = 0; i < piecesPerMessage; i++) {
                reassembler.accept(source(n), piece(n, i, WireLimits.MAX_FRAGMENTS, WireLimits.DATAGRAM_PAYLOAD), n);
                assertThat(reassembler.bufferedBytes()).isLessThanOrEqualTo(Reassembler.MAX_BUFFERED_BYTES);
            }
        }

        assertThat(reassembler.evictedPartials()).isEqualTo(3);
        assertThat(reassembler.bufferedBytes()).isGreaterThan(Reassembler.MAX_BUFFERED_BYTES - messageBytes);
        assertThat(reassembler.droppedPartials()).isEqualTo(3);
        assertThat(reassembler.partialCount()).isEqualTo(messages - 3);
    }

    @Test
    void partialMessageOlderThanTheTimeoutIsDroppedByExpire() {
        reassembler.accept(ALICE, piece(1, 0, 2, 10), 1_000);
        reassembler.accept(BOB, piece(1, 0, 2, 10), 5_000);

        reassembler.expire(1_000 + Reassembler.TIMEOUT_MILLIS);
        assertThat(reassembler.partialCount())
                .as("exactly at the timeout it is kept")
                .isEqualTo(2);

        reassembler.expire(1_001 + Reassembler.TIMEOUT_MILLIS);
        assertThat(reassembler.partialCount()).isOne();
        assertThat(reassembler.expiredPartials()).isOne();
        assertThat(reassembler.bufferedBytes()).isEqualTo(10);
    }

    @Test
    void pieceArrivingAfterTheTimeoutStartsAfreshInsteadOfCompletingTheStaleMessage() {
        reassembler.accept(ALICE, piece(1, 0, 2, 10), 0);

        Optional<byte[]> late = reassembler.accept(ALICE, piece(1, 1, 2, 10), Reassembler.TIMEOUT_MILLIS + 1);

        assertThat(late).isEmpty();
        assertThat(reassembler.expiredPartials()).isOne();
        assertThat(reassembler.partialCount()).isOne();
    }
}

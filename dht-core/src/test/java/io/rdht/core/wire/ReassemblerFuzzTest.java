package io.rdht.core.wire;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Coverage-guided fuzzing of the {@link Reassembler} (Jazzer): any sequence of fragments from a
 * few sources, with any ids, indexes, counts, sizes and arrival times, keeps it within its bounds,
 * hands on only whole messages within the size limit, and leaves nothing held once every partial
 * message has timed out.
 */
class ReassemblerFuzzTest {

    private static final int SOURCES = 3;
    private static final int MAX_STEPS = 2_000;

    @FuzzTest
    void anyFragmentSequenceKeepsTheBoundsAndLeavesNothingAfterTheTimeout(FuzzedDataProvider data) {
        Reassembler reassembler = new Reassembler();
        long now = 0;
        for (int step = 0; step < MAX_STEPS && data.remainingBytes() > 0; step++) {
            InetSocketAddress source = new InetSocketAddress("10.0.0." + data.consumeInt(1, SOURCES), 4000);
            int count = data.consumeInt(2, WireLimits.MAX_FRAGMENTS);
            int index = data.consumeInt(0, count - 1);
            long messageId = data.consumeInt(0, 20);
            byte[] chunk = new byte[data.consumeInt(1, Fragmenter.CHUNK_BYTES)];
            now += data.consumeInt(0, 3_000);
            Optional<byte[]> whole = reassembler.accept(source, new Fragment(messageId, index, count, chunk), now);
            if (whole.isPresent() && whole.get().length > WireLimits.MAX_MESSAGE_BYTES) {
                throw new AssertionError("a message of " + whole.get().length + " bytes came out");
            }
            checkBounds(reassembler);
        }
        reassembler.expire(now + Reassembler.TIMEOUT_MILLIS + 1);
        if (reassembler.partialCount() != 0 || reassembler.bufferedBytes() != 0) {
            throw new AssertionError("after the timeout " + reassembler.partialCount() + " partial messages and "
                    + reassembler.bufferedBytes() + " bytes are still held");
        }
    }

    private static void checkBounds(Reassembler r) {
        if (r.partialCount() > Reassembler.MAX_PARTIALS
                || r.partialCount() > SOURCES * Reassembler.MAX_PARTIALS_PER_SOURCE) {
            throw new AssertionError(r.partialCount() + " partial messages held");
        }
        if (r.bufferedBytes() < 0 || r.bufferedBytes() > Reassembler.MAX_BUFFERED_BYTES) {
            throw new AssertionError(r.bufferedBytes() + " bytes held");
        }
        if (r.partialCount() == 0 && r.bufferedBytes() != 0) {
            throw new AssertionError(r.bufferedBytes() + " bytes held with no partial message");
        }
    }
}

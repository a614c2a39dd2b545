package io.rdht.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Feeds the decoder random bytes, random CBOR of the wrong shapes, and mutations of valid
 * messages: every input must decode to an envelope that survives a second trip, or be refused
 * with a {@link MalformedMessageException}; and the fragments found must never upset a
 * {@link Reassembler}.
 */
class WireCodecFuzzTest {
    private static final int INPUTS = 150_000;
    private static final List<InetSocketAddress> SOURCES =
            List.of(new InetSocketAddress("10.0.0.1", 1), new InetSocketAddress("10.0.0.2", 2));

    private final WireCodec codec = new WireCodec();
    private final SplittableRandom random = new SplittableRandom(0x5eed_c0decL);
    private final Reassembler reassembler = new Reassembler();
    private long now;
    private int decoded;
    private int fragmentsFed;

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void everyInputDecodesToAStableEnvelopeOrIsRefusedAsMalformed() {
        HostileDatagrams hostile = new HostileDatagrams(0x5eed_c0decL, null);
        long start = System.nanoTime();

        for (int i = 0; i < INPUTS; i++) {
            check(hostile.next());
            now += random.nextInt(40);
        }

        System.out.printf(
                "fuzz: %d inputs, %d decoded, %d fragments fed to the reassembler, %d messages completed, %d ms%n",
                INPUTS,
                decoded,
                fragmentsFed,
                reassembler.completedMessages(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        assertThat(decoded).as("mutations that stay valid").isGreaterThan(INPUTS / 100);
        assertThat(fragmentsFed).isGreaterThan(INPUTS / 1000);
    }

    private void check(byte[] input) {
        Envelope envelope;
        try {
            envelope = codec.decode(input);
        } catch (MalformedMessageException refused) {
            return;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(
                    "decode threw " + e + " on " + HexFormat.of().formatHex(input), e);
        }
        decoded++;
        assertSurvivesASecondTrip(envelope, input);
        if (envelope.body() instanceof Fragment fragment) {
            fragmentsFed++;
            Optional<byte[]> whole = reassembler.accept(SOURCES.get(random.nextInt(SOURCES.size())), fragment, now);
            whole.ifPresent(this::check);
        }
    }

    private void assertSurvivesASecondTrip(Envelope envelope, byte[] input) {
        try {
            Envelope again = codec.decode(codec.encode(envelope));
            if (!again.equals(envelope)) {
                throw new AssertionError("second trip changed " + envelope + " into " + again + "; input "
                        + HexFormat.of().formatHex(input));
            }
        } catch (MalformedMessageException e) {
            throw new AssertionError("re-encoding of " + envelope + " is malformed: " + e.getMessage(), e);
        }
    }
}

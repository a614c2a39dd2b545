package io.rdht.core.storage;

import static io.rdht.core.storage.StorageFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.core.wire.Envelope;
import io.rdht.core.wire.MalformedMessageException;
import io.rdht.core.wire.PutValues;
import io.rdht.core.wire.Token;
import io.rdht.core.wire.WireCodec;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the byte limit promises an operator: a storage filled to {@link StorageLimits#maxTotalBytes}
 * takes no more heap than that, however small the values, when they arrive as the network delivers
 * them (each decoded from its own datagram, with its own copies of the key and the address).
 */
class StorageMemoryTest {

    private static final long LIMIT = 48L << 20;
    private static final int VALUES_PER_KEY = 700;

    private final WireCodec codec = new WireCodec();
    private final SplittableRandom random = new SplittableRandom(7);

    @ParameterizedTest(name = "signed: {0}")
    @ValueSource(booleans = {false, true})
    void aStorageFilledWithTheSmallestValuesTakesNoMoreHeapThanItsByteLimit(boolean signed) throws Exception {
        Storage storage = new Storage(new StorageLimits(1024, 65_536, LIMIT, LIMIT, Duration.ofDays(1)));
        long before = heapAfterCollection();

        long stored = 0;
        for (PutValues put = fromTheWire(0, signed);
                storage.store(put.key(), put.values().get(0), sender(), NOW).accepted();
                put = fromTheWire(stored, signed)) {
            stored++;
        }
        long retained = heapAfterCollection() - before;

        assertThat(storage.totalBytes())
                .as("filled: the next value did not fit")
                .isGreaterThan(LIMIT - 1024);
        assertThat(retained)
                .as("heap kept by %,d values charged %,d bytes", stored, storage.totalBytes())
                .isLessThan(storage.totalBytes());
        Reference.reachabilityFence(storage);
    }

    /** A put of one one-byte value (with an owner key and a signature when {@code signed}), as decoded. */
    private PutValues fromTheWire(long n, boolean signed) throws MalformedMessageException {
        Value.Builder value =
                Value.builder().id(n + 1).data(new byte[] {(byte) n}).ttl(Duration.ofHours(1));
        if (signed) {
            value.owner(randomBytes(32)).signature(randomBytes(64));
        }
        Envelope put = new Envelope(
                0,
                n,
                InfoHash.of("sender"),
                new PutValues(keyOf(n), Token.of(randomBytes(8)), List.of(value.build())),
                false,
                false);
        return (PutValues) codec.decode(codec.encode(put)).body();
    }

    private static InfoHash keyOf(long n) {
        return InfoHash.of("key " + n / VALUES_PER_KEY);
    }

    /** The same sender each time, as a new address object, as each datagram gives it. */
    private static InetSocketAddress sender() throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, 1}), 4242);
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static long heapAfterCollection() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

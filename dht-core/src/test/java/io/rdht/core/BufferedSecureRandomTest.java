package io.rdht.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BufferedSecureRandomTest {

    private static final int LONGS_PER_BLOCK = BufferedSecureRandom.BLOCK_BYTES / Long.BYTES;

    @Test
    void handsOutTheSourcesBytesInOrderAndDrawsOnceABlock() throws NoSuchAlgorithmException {
        CountingSource source = new CountingSource(seeded());
        BufferedSecureRandom random = new BufferedSecureRandom(source);
        ByteBuffer expected = ByteBuffer.allocate(3 * BufferedSecureRandom.BLOCK_BYTES);
        SecureRandom twin = seeded();
        for (int b = 0; b < 3; b++) {
            byte[] block = new byte[BufferedSecureRandom.BLOCK_BYTES];
            twin.nextBytes(block);
            expected.put(block);
        }
        expected.flip();

        List<Long> drawn = new ArrayList<>();
        for (int i = 0; i < 2 * LONGS_PER_BLOCK + 1; i++) {
            drawn.add(random.nextLong());
        }

        for (long value : drawn) {
            assertThat(value).isEqualTo(expected.getLong());
        }
        assertThat(source.calls).isEqualTo(3);
    }

    @Test
    void derivedDrawsComeFromTheSameStream() throws NoSuchAlgorithmException {
        BufferedSecureRandom random = new BufferedSecureRandom(seeded());
        BufferedSecureRandom twin = new BufferedSecureRandom(seeded());

        assertThat(random.nextInt(1000)).isEqualTo(twin.nextInt(1000));
        assertThat(random.nextDouble()).isEqualTo(twin.nextDouble());
        assertThat(random.nextLong()).isNotEqualTo(random.nextLong());
    }

    /** SHA1PRNG seeded before its first use is deterministic: two of them give the same bytes. */
    private static SecureRandom seeded() throws NoSuchAlgorithmException {
        SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
        r.setSeed(42);
        return r;
    }

    private static final class CountingSource extends SecureRandom {
        private final SecureRandom inner;
        private int calls;

        CountingSource(SecureRandom inner) {
            this.inner = inner;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            calls++;
            inner.nextBytes(bytes);
        }
    }
}

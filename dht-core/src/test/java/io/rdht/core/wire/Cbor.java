package io.rdht.core.wire;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** Hand-built CBOR for tests, including shapes the codec must refuse. */
final class Cbor {
    /** Writes some CBOR items. */
    interface Items {
        void write(CBORGenerator g) throws IOException;
    }

    private static final CBORFactory FACTORY = new CBORFactory();

    private Cbor() {}

    /** The bytes {@code items} write. */
    static byte[] of(Items items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = FACTORY.createGenerator(out)) {
            items.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Opens a message array of {@code length} items and writes a valid header of {@code kind}. */
    static void header(CBORGenerator g, int length, Kind kind) throws IOException {
        g.writeStartArray(null, length);
        g.writeNumber(WireLimits.VERSION);
        g.writeNumber(WireTestData.NETWORK);
        g.writeNumber(kind.number());
        g.writeNumber(42);
        g.writeBinary(new byte[20]);
        g.writeNumber(0);
    }

    /** The bytes of all parts, one after the other. */
    static byte[] concat(byte[]... parts) {
        byte[] all = new byte[0];
        for (byte[] part : parts) {
            int at = all.length;
            all = Arrays.copyOf(all, at + part.length);
            System.arraycopy(part, 0, all, at, part.length);
        }
        return all;
    }

    /**
     * A copy of {@code bytes} with its only {@code marker} byte replaced: a way to place items
     * Jackson does not write (undefined, simple values) where a placeholder was written.
     */
    static byte[] replaceOnly(byte[] bytes, int marker, int replacement) {
        byte[] copy = bytes.clone();
        int found = -1;
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == (byte) marker) {
                if (found >= 0) {
                    throw new IllegalArgumentException("marker " + marker + " occurs more than once");
                }
                found = i;
            }
        }
        if (found < 0) {
            throw new IllegalArgumentException("marker " + marker + " not found");
        }
        copy[found] = (byte) replacement;
        return copy;
    }

    /** Bytes written as unsigned numbers, for hand-made heads. */
    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}

package io.rdht.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class CborWriterTest {

    private static final CBORFactory JACKSON = CBORFactory.builder()
            .enable(CBORGenerator.Feature.WRITE_MINIMAL_INTS)
            .build();

    private static String hex(Consumer<CborWriter> items) {
        CborWriter w = new CborWriter(1);
        items.accept(w);
        return HexFormat.of().formatHex(w.toByteArray());
    }

    private interface JacksonItems {
        void write(CBORGenerator g) throws IOException;
    }

    private static String jackson(JacksonItems items) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = JACKSON.createGenerator(out)) {
            items.write(g);
        }
        return HexFormat.of().formatHex(out.toByteArray());
    }

    @Test
    void integersTakeTheShortestFormOfRfc8949sExamples() {
        assertThat(hex(w -> w.number(0))).isEqualTo("00");
        assertThat(hex(w -> w.number(23))).isEqualTo("17");
        assertThat(hex(w -> w.number(24))).isEqualTo("1818");
        assertThat(hex(w -> w.number(100))).isEqualTo("1864");
        assertThat(hex(w -> w.number(1000))).isEqualTo("1903e8");
        assertThat(hex(w -> w.number(1_000_000))).isEqualTo("1a000f4240");
        assertThat(hex(w -> w.number(1_000_000_000_000L))).isEqualTo("1b000000e8d4a51000");
        assertThat(hex(w -> w.unsigned(-1L))).isEqualTo("1bffffffffffffffff");
        assertThat(hex(w -> w.number(-1))).isEqualTo("20");
        assertThat(hex(w -> w.number(-10))).isEqualTo("29");
        assertThat(hex(w -> w.number(-100))).isEqualTo("3863");
        assertThat(hex(w -> w.number(-1000))).isEqualTo("3903e7");
        assertThat(hex(w -> w.number(Long.MIN_VALUE))).isEqualTo("3b7fffffffffffffff");
    }

    @Test
    void stringsArraysAndSimpleValuesAreRfc8949sExamples() {
        assertThat(hex(w -> w.text(""))).isEqualTo("60");
        assertThat(hex(w -> w.text("IETF"))).isEqualTo("6449455446");
        assertThat(hex(w -> w.text("\u00fc"))).isEqualTo("62c3bc");
        assertThat(hex(w -> w.text("\u6c34"))).isEqualTo("63e6b0b4");
        assertThat(hex(w -> w.text("\ud800\udd51"))).isEqualTo("64f0908591");
        assertThat(hex(w -> w.bytes(new byte[] {1, 2, 3, 4}))).isEqualTo("4401020304");
        assertThat(hex(w -> w.startArray(0))).isEqualTo("80");
        assertThat(hex(w -> {
                    w.startArray(3);
                    w.number(1);
                    w.number(2);
                    w.number(3);
                }))
                .isEqualTo("83010203");
        assertThat(hex(w -> w.bool(false))).isEqualTo("f4");
        assertThat(hex(w -> w.bool(true))).isEqualTo("f5");
        assertThat(hex(w -> w.nil())).isEqualTo("f6");
    }

    @Test
    void everyItemIsTheBytesJacksonsGeneratorWroteForItSoPeersOfEarlierVersionsReadTheSame() throws IOException {
        SplittableRandom random = new SplittableRandom(8949);
        for (int i = 0; i < 2_000; i++) {
            long n = random.nextLong() >> random.nextInt(64);
            assertThat(hex(w -> w.number(n))).as("number %d", n).isEqualTo(jackson(g -> g.writeNumber(n)));
            assertThat(hex(w -> w.unsigned(n))).as("unsigned %d", n).isEqualTo(jackson(g -> g.writeNumberUnsigned(n)));
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            assertThat(hex(w -> w.bytes(bytes))).isEqualTo(jackson(g -> g.writeBinary(bytes)));
            String text = text(random, random.nextInt(WireLimits.MAX_TEXT + 1));
            assertThat(hex(w -> w.text(text))).as("text %s", text).isEqualTo(jackson(g -> g.writeString(text)));
        }
        for (int items : new int[] {0, 1, 23, 24, 255, 256, 65_535, 65_536}) {
            assertThat(hex(w -> {
                        w.startArray(items);
                        for (int i = 0; i < items; i++) {
                            w.nil();
                        }
                    }))
                    .as("array of %d", items)
                    .isEqualTo(jackson(g -> {
                        g.writeStartArray(null, items);
                        for (int i = 0; i < items; i++) {
                            g.writeNull();
                        }
                        g.writeEndArray();
                    }));
        }
    }

    @Test
    void aLoneSurrogateIsRefusedAsJacksonRefusedIt() {
        assertThatThrownBy(() -> hex(w -> w.text("a\ud800b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UTF-16");
    }

    @Test
    void theBufferGrowsPastItsFirstSize() {
        byte[] large = new byte[5_000];
        CborWriter w = new CborWriter(4);
        w.startArray(2);
        w.bytes(large);
        w.text("x".repeat(300));
        assertThat(w.size()).isEqualTo(1 + 3 + 5_000 + 3 + 300);
        assertThat(w.toByteArray()).hasSize(w.size());
    }

    /** Text of ASCII, two-, three- and four-byte UTF-8 characters. */
    private static String text(SplittableRandom random, int chars) {
        StringBuilder s = new StringBuilder();
        while (s.length() < chars) {
            switch (random.nextInt(4)) {
                case 0 -> s.append((char) random.nextInt(0x20, 0x7f));
                case 1 -> s.append((char) random.nextInt(0x80, 0x800));
                case 2 -> s.append((char) random.nextInt(0x800, 0xd800));
                default -> s.appendCodePoint(random.nextInt(0x10000, 0x110000));
            }
        }
        return s.toString();
    }
}

package io.rdht.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InfoHashTest {

    @Test
    void hashOfANameEqualsOpenDhtsForEveryTestVector() throws IOException {
        // a copy of shared/testdata/infohash-vectors.tsv: values computed by OpenDHT 2.4.12
        List<String> lines;
        try (var in = InfoHashTest.class.getResourceAsStream("/infohash-vectors.tsv")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
        }
        lines = lines.stream().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(40);
        for (String line : lines) {
            String[] cols = line.split("\t");
            String name = JsonString.unquote(cols[0]);
            assertThat(InfoHash.of(name).toHex()).as("InfoHash.of(%s)", cols[0]).isEqualTo(cols[1]);
        }
    }

    @Test
    void pollutionLevelHashesToTheKeyTheSensorsUse() {
        assertThat(InfoHash.of("pollution_level").toHex()).isEqualTo("c6c7e2b17b27367a841b2795a76c49b3fb81590e");
    }

    @Test
    void hexRoundTripsAndRejectsWrongLengths() {
        InfoHash h = InfoHash.of("luigi");
        assertThat(InfoHash.fromHex(h.toHex())).isEqualTo(h);
        assertThatThrownBy(() -> InfoHash.fromHex("abc")).hasMessageContaining("40 hex digits");
        assertThatThrownBy(() -> InfoHash.fromBytes(new byte[19])).hasMessageContaining("20 bytes");
        assertThat(InfoHash.isHex(h.toHex())).isTrue();
        assertThat(InfoHash.isHex("pollution_level")).isFalse();
    }

    @Test
    void distanceComparisonFollowsXor() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            InfoHash t = InfoHash.random(random);
            InfoHash a = InfoHash.random(random);
            InfoHash b = InfoHash.random(random);
            int expected = Integer.signum(t.xor(a).compareTo(t.xor(b)));
            assertThat(Integer.signum(t.compareDistance(a, b))).isEqualTo(expected);
        }
    }

    @Test
    void commonPrefixLengthCountsSharedLeadingBits() {
        InfoHash zero = InfoHash.fromHex("0000000000000000000000000000000000000000");
        assertThat(zero.commonPrefixLength(zero)).isEqualTo(160);
        assertThat(zero.commonPrefixLength(InfoHash.fromHex("8000000000000000000000000000000000000000")))
                .isZero();
        assertThat(zero.commonPrefixLength(InfoHash.fromHex("0010000000000000000000000000000000000000")))
                .isEqualTo(11);
    }

    @Test
    void randomWithPrefixKeepsThePrefix() {
        SplittableRandom random = new SplittableRandom(2);
        InfoHash self = InfoHash.random(random);
        for (int bits = 0; bits <= 160; bits += 7) {
            assertThat(self.randomWithPrefix(bits, random).commonPrefixLength(self))
                    .isGreaterThanOrEqualTo(bits);
        }
    }
}

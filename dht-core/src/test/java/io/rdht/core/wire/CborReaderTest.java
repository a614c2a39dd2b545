package io.rdht.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class CborReaderTest {

    private static CborReader reader(String hex) {
        return new CborReader(HexFormat.of().parseHex(hex));
    }

    private interface Read {
        void from(CborReader r) throws MalformedMessageException;
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(String hex, Read read) {
        return assertThatThrownBy(() -> {
                    CborReader r = reader(hex);
                    read.from(r);
                    r.end();
                })
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void integersOfEveryHeadSizeReadBackIncludingTheSixtyFourBitExtremes() throws MalformedMessageException {
        assertThat(reader("17").uint64("n")).isEqualTo(23);
        assertThat(reader("1818").uint64("n")).isEqualTo(24);
        assertThat(reader("1903e8").uint64("n")).isEqualTo(1000);
        assertThat(reader("1a000f4240").uint64("n")).isEqualTo(1_000_000);
        assertThat(reader("1bffffffffffffffff").uint64("n")).isEqualTo(-1L);
        assertThat(reader("3903e7").int64("n")).isEqualTo(-1000);
        assertThat(reader("3b7fffffffffffffff").int64("n")).isEqualTo(Long.MIN_VALUE);
        assertThat(reader("1b7fffffffffffffff").int64("n")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void integersOutsideTheirRangeOrTypeAreRefused() {
        refused("3b8000000000000000", r -> r.int64("seq")).hasMessageContaining("seq outside the signed 64-bit range");
        refused("1b8000000000000000", r -> r.int64("seq")).hasMessageContaining("outside the signed 64-bit range");
        refused("1bffffffffffffffff", r -> r.uint(255, "kind"))
                .hasMessageContaining("kind 18446744073709551615 exceeds 255");
        refused("20", r -> r.uint64("id")).hasMessageContaining("id has the wrong type");
        refused("f93c00", r -> r.int64("ttl")).hasMessageContaining("ttl has the wrong type");
        refused("1c", r -> r.uint64("id")).hasMessageContaining("indefinite or reserved");
        refused("1a0001", r -> r.uint64("id")).hasMessageContaining("truncated in the head of id");
        refused("c11a00000001", r -> r.uint64("id")).hasMessageContaining("id is tagged");
    }

    @Test
    void arraysAreCountedSoThatAMissingOrAnExtraItemIsRefused() throws MalformedMessageException {
        CborReader exact = reader("820102");
        exact.startArray(2, "pair");
        assertThat(exact.uint64("first")).isEqualTo(1);
        assertThat(exact.uint64("second")).isEqualTo(2);
        exact.endArray("pair");
        exact.end();

        refused("82010203", r -> {
                    r.startArray("pair");
                    r.uint64("first");
                    r.uint64("second");
                    r.uint64("third");
                })
                .hasMessageContaining("third is missing");
        refused("830102", r -> r.startArray("triple"))
                .hasMessageContaining("triple declares 3 items, more than the bytes left");
        refused("83010203", r -> {
                    r.startArray("triple");
                    r.uint64("first");
                    r.uint64("second");
                    r.endArray("triple");
                })
                .hasMessageContaining("triple has more items than expected");
        refused("9f01ff", r -> r.startArray("list")).hasMessageContaining("indefinite");
        refused("9a00010000", r -> r.startArray("list")).hasMessageContaining("more than the bytes left");
    }

    @Test
    void nestingStopsAtTheProtocolsLimit() {
        String nested = "81".repeat(WireLimits.MAX_NESTING + 1) + "00";
        refused(nested, r -> {
                    for (int i = 0; i <= WireLimits.MAX_NESTING; i++) {
                        r.startArray("level " + i);
                    }
                })
                .hasMessageContaining("nested deeper than " + WireLimits.MAX_NESTING);
    }

    @Test
    void stringsAreCheckedAgainstTheirBoundsAndTheBytesLeftBeforeAnythingIsCopied() throws MalformedMessageException {
        assertThat(reader("4401020304").bytes(4, 4, "id")).containsExactly(1, 2, 3, 4);
        assertThat(reader("f6").nullableBytes(32, "owner")).isNull();
        refused("4401020304", r -> r.bytes(5, 5, "id")).hasMessageContaining("id of 4 bytes, expected 5");
        refused("5a7fffffff00", r -> r.bytes(0, Integer.MAX_VALUE, "data")).hasMessageContaining("is truncated");
        refused("5f4101ff", r -> r.bytes(0, 10, "data")).hasMessageContaining("indefinite");
        refused("6449455446", r -> r.bytes(0, 10, "data")).hasMessageContaining("data has the wrong type");
    }

    @Test
    void textMustBeWellFormedUtf8WithinItsLength() throws MalformedMessageException {
        assertThat(reader("62c3bc").text(10, "reason")).isEqualTo("\u00fc");
        assertThat(reader("64f0908591").text(2, "reason")).isEqualTo("\ud800\udd51");
        refused("62c0af", r -> r.text(10, "reason")).hasMessageContaining("reason is not well-formed UTF-8");
        refused("63eda080", r -> r.text(10, "reason")).hasMessageContaining("not well-formed UTF-8");
        refused("6449455446", r -> r.text(3, "reason")).hasMessageContaining("reason longer than 3 characters");
    }

    @Test
    void onlyTrueAndFalseAreBooleans() throws MalformedMessageException {
        assertThat(reader("f5").bool("more")).isTrue();
        assertThat(reader("f4").bool("more")).isFalse();
        refused("f7", r -> r.bool("more")).hasMessageContaining("more is not a boolean");
        refused("01", r -> r.bool("more")).hasMessageContaining("not a boolean");
    }

    @Test
    void bytesAfterTheMessageAreRefused() {
        refused("0000", r -> r.uint64("version")).hasMessageContaining("1 bytes after the message");
    }
}

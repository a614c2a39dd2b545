package io.rdht.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rdht.cli.DurationConverter;
import io.rdht.core.Value;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class FormatTest {

    @Test
    void textValueIsQuotedOnOneLine() {
        Value v = Value.builder()
                .id(0xabcL)
                .seq(3)
                .text("say \"hi\"\nbye")
                .contentType("text/plain")
                .ttl(Duration.ofSeconds(90))
                .build();
        assertThat(Format.value(v)).isEqualTo("0000000000000abc seq=3 text/plain \"say \\\"hi\\\"\\nbye\" ttl=1m30s");
    }

    @Test
    void binaryValueIsHexElidedAfterThirtyTwoBytes() {
        Value small = Value.builder().id(1).data(new byte[] {0, 1, (byte) 0xff}).build();
        assertThat(Format.value(small)).isEqualTo("0000000000000001 seq=0 application/octet-stream 0x0001ff ttl=10m");
        Value large = Value.builder().id(1).data(new byte[40]).build();
        assertThat(Format.data(large)).isEqualTo("0x" + "00".repeat(32) + "… (40 bytes)");
    }

    @Test
    void utf8WithoutControlCharactersReadsAsTextWhateverItsType() {
        Value v = Value.builder().text("héllo").build();
        assertThat(Format.data(v)).isEqualTo("\"héllo\"");
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertThat(Format.millis(350)).isEqualTo("350ms");
        assertThat(Format.millis(42_000)).isEqualTo("42s");
        assertThat(Format.millis(600_000)).isEqualTo("10m");
        assertThat(Format.millis(598_000)).isEqualTo("9m58s");
        assertThat(Format.duration(Duration.ofMinutes(125))).isEqualTo("2h05m");
        assertThat(Format.duration(Duration.ofHours(76))).isEqualTo("3d04h");
    }

    @Test
    void addressesKeepIpv6InBrackets() throws Exception {
        assertThat(Format.address(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 4242)))
                .isEqualTo("127.0.0.1:4242");
        assertThat(Format.address(new InetSocketAddress(InetAddress.getByName("::"), 4242)))
                .isEqualTo("[::]:4242");
        assertThat(Format.address(InetSocketAddress.createUnresolved("example.org", 4242)))
                .isEqualTo("example.org:4242");
    }

    @Test
    void commandLineDurationsHaveAUnit() {
        DurationConverter c = new DurationConverter();
        assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(c.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.convert("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.convert("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(c.convert("1d")).isEqualTo(Duration.ofDays(1));
        assertThatThrownBy(() -> c.convert("10"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("'10' is not a duration like 500ms, 90s, 10m, 2h or 1d");
    }
}

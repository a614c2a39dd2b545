package io.rdht.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rdht.core.Value;
import io.rdht.core.ValueEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Values in the JSON of OpenDHT's proxy. */
class ValueJsonTest {

    private static Value parse(String json) throws Exception {
        return ValueJson.parse(ValueJson.MAPPER.readTree(json));
    }

    @Test
    void anUnsignedValueIsDataIdAndTypeWithTheIdUnsignedAndTheContentTypeAsUtype() {
        Value v = Value.builder()
                .id(-1)
                .data("hi".getBytes(StandardCharsets.UTF_8))
                .contentType("text/plain")
                .build();

        assertThat(ValueJson.line(v))
                .isEqualTo("{\"data\":\"aGk=\",\"id\":\"18446744073709551615\",\"type\":0,\"utype\":\"text/plain\"}\n");
        assertThat(ValueJson.line(Value.builder().id(3).seq(2).build()))
                .isEqualTo("{\"data\":\"\",\"id\":\"3\",\"seq\":2,\"type\":0}\n");
    }

    @Test
    void anEncryptedValueNotDecryptedHereIsItsIdAndCypherAlone() {
        Value v = Value.builder()
                .id(9)
                .data(new byte[] {1, 2})
                .recipient(new byte[32])
                .build();

        assertThat(ValueJson.line(v)).isEqualTo("{\"cypher\":\"AQI=\",\"id\":\"9\"}\n");
    }

    @Test
    void anExpiredValueOnAStreamSaysSo() {
        assertThat(ValueJson.line(new ValueEvent.Expired(Value.builder().id(1).build())))
                .contains("\"expired\":true");
        assertThat(ValueJson.line(new ValueEvent.Added(Value.builder().id(1).build())))
                .doesNotContain("expired");
    }

    @Test
    void aPostedValueReadsIdsAsStringsOrNumbersAndDropsTheType() throws Exception {
        Value v = parse(
                "{\"data\":\"aGk=\",\"id\":\"18446744073709551615\",\"seq\":4,\"type\":3,\"utype\":\"text/plain\",\"prio\":1}");

        assertThat(v.id()).isEqualTo(-1);
        assertThat(v.seq()).isEqualTo(4);
        assertThat(v.dataAsText()).isEqualTo("hi");
        assertThat(v.contentType()).isEqualTo("text/plain");
        assertThat(parse("{\"id\":7}").id()).isEqualTo(7);
        assertThat(parse("{}").contentType()).isEqualTo(Value.OCTET_STREAM);
    }

    @Test
    void badFieldsAreNamed() {
        assertThatThrownBy(() -> parse("{\"id\":\"x\"}")).hasMessageContaining("value id");
        assertThatThrownBy(() -> parse("{\"seq\":-1}")).hasMessageContaining("seq");
        assertThatThrownBy(() -> parse("{\"type\":\"a\"}")).hasMessageContaining("type");
        assertThatThrownBy(() -> parse("{\"utype\":1}")).hasMessageContaining("utype");
        assertThatThrownBy(() -> parse("{\"sig\":\"AA==\"}")).hasMessageContaining("/sign");
        assertThatThrownBy(() -> parse("{\"a\":1,\"a\":2}")).hasMessageContaining("Duplicate");
        assertThatThrownBy(() -> parse("{} {}")).hasMessageContaining("Trailing");
    }
}

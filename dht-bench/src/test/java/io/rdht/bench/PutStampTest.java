package io.rdht.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PutStampTest {

    @Test
    void stampIsReadFromAServerSentEventsDataLine() {
        String data = base64(PutStamp.of(7, 123_456_789_012L));

        assertThat(in("data: {\"id\":\"3fa\",\"seq\":0,\"data\":\"" + data + "\",\"type\":3}"))
                .isEqualTo(new PutStamp(7, 123_456_789_012L));
    }

    @Test
    void stampIsReadFromAJsonLineWithSpacesAroundTheColon() {
        assertThat(in("{\"data\" : \"" + base64(PutStamp.of(0, 5)) + "\", \"id\":\"1\"}"))
                .isEqualTo(new PutStamp(0, 5));
    }

    @Test
    void linesWithoutAStampGiveNone() {
        assertThat(in(": keep-alive")).isNull();
        assertThat(in("event: sync")).isNull();
        assertThat(in("data: {\"values\":3}")).isNull();
        assertThat(in("{\"data\":\"" + base64(EventStreams.WARM_UP + " 3") + "\"}"))
                .isNull();
        assertThat(in("{\"data\":\"not base64!\"}")).isNull();
        assertThat(in("{\"data\":\"" + base64("12") + "\"}")).isNull();
        assertThat(in("{\"data\":\"unterminated")).isNull();
    }

    private static PutStamp in(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return PutStamp.in(bytes, bytes.length);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}

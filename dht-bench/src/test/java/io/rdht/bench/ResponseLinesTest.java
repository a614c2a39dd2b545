package io.rdht.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseLinesTest {

    private final List<Integer> statuses = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();
    private final ResponseLines response = new ResponseLines(new ResponseLines.Sink() {
        @Override
        public void status(int code) {
            statuses.add(code);
        }

        @Override
        public void line(byte[] line, int length) {
            lines.add(new String(line, 0, length, StandardCharsets.UTF_8));
        }
    });

    @Test
    void chunkedBodyGivesItsLinesWhereverTheReadsAndChunksSplitThem() {
        String wire = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "7\r\n: ping\n\r\n" // a whole line in one chunk
                + "6\r\ndata: \r\n" // a line split over two chunks
                + "b;ext=1\r\n{\"a\":1}\r\n\n\r\n" // with a chunk extension, \r\n line end, empty line
                + "0\r\n\r\n";
        byte[] bytes = wire.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < bytes.length; i += 3) {
            response.read(ByteBuffer.wrap(bytes, i, Math.min(3, bytes.length - i)));
        }

        assertThat(statuses).containsExactly(200);
        assertThat(lines).containsExactly(": ping", "data: {\"a\":1}", "");
        assertThat(response.done()).isTrue();
    }

    @Test
    void bodyWithoutChunksIsReadUntilTheConnectionEnds() {
        read("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n{\"data\":\"x\"}\n{\"data\":");
        read("\"y\"}\n");

        assertThat(lines).containsExactly("{\"data\":\"x\"}", "{\"data\":\"y\"}");
        assertThat(response.done()).isFalse();
    }

    @Test
    void refusalGivesItsStatus() {
        read("HTTP/1.1 429 Too Many Requests\r\ncontent-length: 0\r\n\r\n");

        assertThat(statuses).containsExactly(429);
    }

    @Test
    void somethingElseThanHttpIsRefused() {
        assertThatThrownBy(() -> read("SSH-2.0-OpenSSH\r\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not an HTTP response");
    }

    @Test
    void aLineLongerThanTheLimitIsRefused() {
        read("HTTP/1.1 200 OK\r\n\r\n");

        assertThatThrownBy(() -> read("x".repeat(ResponseLines.MAX_LINE + 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("longer than");
    }

    private void read(String text) {
        response.read(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
    }
}

package io.rdht.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One HTTP/1.1 response, read in pieces of any size, taken apart into its status and the lines of
 * its body, with the body's chunked transfer coding (if any) undone: a response to a request for
 * a stream of values, whatever the server. No header but {@code Transfer-Encoding} matters; a line
 * ends at {@code \n}, a {@code \r} before it dropped.
 */
final class ResponseLines {

    /** The longest line kept, head or body: the benchmark's values are a few hundred bytes. */
    static final int MAX_LINE = 64 * 1024;

    /** Where the lines go. */
    interface Sink {
        /** The response's status code, once, before any line of its body. */
        void status(int code);

        /** One line of the body, {@code line[0..length)}, without its end; the array is reused after the call. */
        void line(byte[] line, int length);
    }

    private enum Part {
        STATUS,
        HEADERS,
        CHUNK_SIZE,
        CHUNK_DATA,
        CHUNK_END,
        BODY,
        DONE
    }

    private final Sink sink;
    private byte[] head = new byte[256];
    private byte[] body = new byte[1024];
    private Part part = Part.STATUS;
    private boolean chunked;
    private int headLength;
    private int bodyLength;
    private long chunkLeft;

    ResponseLines(Sink sink) {
        this.sink = sink;
    }

    /** Whether the response is over: its last chunk came. */
    boolean done() {
        return part == Part.DONE;
    }

    /**
     * Takes every byte {@code bytes} has left.
     *
     * @throws IllegalStateException for a line longer than {@link #MAX_LINE} or a response that is not HTTP
     */
    void read(ByteBuffer bytes) {
        while (bytes.hasRemaining() && part != Part.DONE) {
            if (part == Part.CHUNK_DATA || part == Part.BODY) {
                int take = part == Part.BODY ? bytes.remaining() : (int) Math.min(chunkLeft, bytes.remaining());
                for (int i = 0; i < take; i++) {
                    bodyByte(bytes.get());
                }
                if (part == Part.CHUNK_DATA && (chunkLeft -= take) == 0) {
                    part = Part.CHUNK_END;
                }
                continue;
            }
            byte b = bytes.get();
            if (b != '\n') {
                head = room(head, headLength);
                head[headLength++] = b;
                continue;
            }
            String line = new String(head, 0, trimmed(head, headLength), StandardCharsets.ISO_8859_1);
            headLength = 0;
            headLine(line);
        }
    }

    private void headLine(String line) {
        switch (part) {
            case STATUS -> {
                String[] words = line.split(" ", 3);
                if (words.length < 2 || !words[0].startsWith("HTTP/") || !words[1].matches("[0-9]{3}")) {
                    throw new IllegalStateException("not an HTTP response: " + line);
                }
                sink.status(Integer.parseInt(words[1]));
                part = Part.HEADERS;
            }
            case HEADERS -> {
                if (line.isEmpty()) {
                    part = chunked ? Part.CHUNK_SIZE : Part.BODY;
                } else if (line.regionMatches(true, 0, "transfer-encoding:", 0, 18)) {
                    chunked = line.toLowerCase(java.util.Locale.ROOT).contains("chunked");
                }
            }
            case CHUNK_SIZE -> {
                int extension = line.indexOf(';');
                String hex = (extension < 0 ? line : line.substring(0, extension)).strip();
                try {
                    chunkLeft = Long.parseLong(hex, 16);
                } catch (NumberFormatException e) {
                    throw new IllegalStateException("not a chunk size: " + line);
                }
                part = chunkLeft == 0 ? Part.DONE : Part.CHUNK_DATA;
            }
            case CHUNK_END -> part = Part.CHUNK_SIZE;
            default -> throw new IllegalStateException("no head line in " + part);
        }
    }

    private void bodyByte(byte b) {
        if (b == '\n') {
            sink.line(body, trimmed(body, bodyLength));
            bodyLength = 0;
        } else {
            body = room(body, bodyLength);
            body[bodyLength++] = b;
        }
    }

    /** {@code line}, or a copy twice as long when it is full. */
    private static byte[] room(byte[] line, int length) {
        if (length < line.length) {
            return line;
        }
        if (length == MAX_LINE) {
            throw new IllegalStateException("a line longer than " + MAX_LINE + " bytes");
        }
        return Arrays.copyOf(line, Math.min(MAX_LINE, 2 * line.length));
    }

    private static int trimmed(byte[] line, int length) {
        return length > 0 && line[length - 1] == '\r' ? length - 1 : length;
    }
}

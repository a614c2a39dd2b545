package io.rdht.node;

import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/** How the console and the one-shot commands write values, ids, addresses and durations. */
public final class Format {

    /** Bytes of binary data shown before the rest is elided. */
    static final int HEX_SHOWN = 32;

    private static final HexFormat HEX = HexFormat.of();

    private Format() {}

    /**
     * One value on one line: {@code <id> seq=N <content type> <data> ttl=<ttl>}, then
     * {@code signed by <owner>} for a signed value.
     */
    public static String value(Value v) {
        StringBuilder out = new StringBuilder()
                .append(valueId(v.id()))
                .append(" seq=")
                .append(v.seq())
                .append(' ')
                .append(v.contentType())
                .append(' ')
                .append(data(v))
                .append(" ttl=")
                .append(duration(v.ttl()));
        if (v.isSigned()) {
            out.append(" signed by ").append(HEX.formatHex(v.owner(), 0, 4));
        }
        return out.toString();
    }

    /** A value id as 16 hex digits. */
    public static String valueId(long id) {
        return HEX.toHexDigits(id);
    }

    /**
     * A value's data: quoted text (with {@code \"}, {@code \\} and control characters escaped)
     * when it is UTF-8 without control characters or its type says text, else {@code 0x} and hex,
     * elided after {@value #HEX_SHOWN} bytes.
     */
    public static String data(Value v) {
        byte[] data = v.data();
        String text = decodeUtf8(data);
        if (text != null && (isTextType(v.contentType()) || text.chars().noneMatch(Character::isISOControl))) {
            return quote(text);
        }
        String hex = "0x" + HEX.formatHex(data, 0, Math.min(data.length, HEX_SHOWN));
        return data.length > HEX_SHOWN ? hex + "… (" + data.length + " bytes)" : hex;
    }

    /** Whether data of {@code contentType} is meant to be read as text. */
    static boolean isTextType(String contentType) {
        return contentType.startsWith("text/")
                || contentType.equals("application/json")
                || contentType.endsWith("+json");
    }

    /** The UTF-8 text of {@code data}, or {@code null} if it is not valid UTF-8. */
    static String decodeUtf8(byte[] data) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        text.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    /** A duration as {@code 350ms}, {@code 42s}, {@code 9m58s}, {@code 2h05m} or {@code 3d04h}. */
    public static String duration(Duration d) {
        return millis(d.toMillis());
    }

    /** {@link #duration} of a number of milliseconds. */
    public static String millis(long ms) {
        if (ms < 0) {
            return "-" + millis(-ms);
        }
        if (ms < 1_000) {
            return ms + "ms";
        }
        long s = ms / 1_000;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3_600) {
            return s % 60 == 0 ? s / 60 + "m" : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3_600, s % 3_600 / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", s / 86_400, s % 86_400 / 3_600);
    }

    /** An address as {@code host:port}, with brackets around an IPv6 host. */
    public static String address(InetSocketAddress a) {
        InetAddress ip = a.getAddress();
        if (ip == null) {
            return a.getHostString() + ":" + a.getPort();
        }
        if (ip instanceof Inet6Address) {
            return "[" + (ip.isAnyLocalAddress() ? "::" : ip.getHostAddress()) + "]:" + a.getPort();
        }
        return ip.getHostAddress() + ":" + a.getPort();
    }

    /** A node as {@code <short id>@host:port}. */
    public static String node(NodeInfo n) {
        return n.id().shortHex() + "@" + address(n.address());
    }

    /** A byte count as {@code 512 B}, {@code 3.4 KiB}, {@code 1.2 MiB}. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
    }
}

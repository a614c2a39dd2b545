package io.rdht.http.proxy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * One request of OpenDHT's proxy API, told from its method and path; the key is still as written
 * (a name or 40 hex digits), read by {@link KeyText} when served.
 *
 * <p>The forms: {@code GET /} and {@code GET /node/info} (node info), {@code GET /node/stats} and
 * {@code STATS /} (stats), {@code GET /key/K} and {@code GET /K} (values), {@code GET /K/ID} (one
 * value), {@code POST /key/K}, {@code POST /K} and {@code PUT /K/ID} (put), {@code POST
 * /key/K/sign} and {@code SIGN /K} (signed put), {@code GET /key/K/listen} and {@code LISTEN /K}
 * (listen), {@code OPTIONS} on any of these paths and {@code GET /key/K/options} (allowed methods).
 * A single segment that is one of the node's own paths ({@code /metrics}, {@code /health}) is
 * none of these, nor is any path of three segments under another name than {@code key}, so those
 * routes win whatever their order.
 */
sealed interface ProxyCall {

    /** Paths of the node's HTTP server that a key of one segment must not shadow. */
    Set<String> RESERVED = Set.of("metrics", "health");

    /** Whether the call writes, and so needs the write token when one is set. */
    default boolean writes() {
        return false;
    }

    /** Node info. */
    record Info() implements ProxyCall {}

    /** The gateway's stats. */
    record Stats() implements ProxyCall {}

    /** The methods a path takes, for CORS preflights. */
    record Options() implements ProxyCall {}

    /**
     * The values of a key, or those with one id.
     *
     * @param key the key as written
     * @param id  the value id as written, or {@code null} for every value
     */
    record Get(String key, String id) implements ProxyCall {}

    /**
     * A put of the JSON value in the body.
     *
     * @param key    the key as written
     * @param id     the value id from the path, or {@code null} to take the body's
     * @param signed whether the node signs it with its identity
     */
    record Put(String key, String id, boolean signed) implements ProxyCall {
        @Override
        public boolean writes() {
            return true;
        }
    }

    /**
     * A stream of the key's values as they come, one JSON object per line.
     *
     * @param key the key as written
     */
    record Listen(String key) implements ProxyCall {}

    /** The call {@code method} and {@code uri} (path and query) make, if any. */
    static Optional<ProxyCall> parse(String method, String uri) {
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        if (!path.startsWith("/")) {
            return Optional.empty();
        }
        String[] s = path.length() == 1 ? new String[0] : path.substring(1).split("/", -1);
        for (int i = 0; i < s.length; i++) {
            try {
                s[i] = URLDecoder.decode(s[i].replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        ProxyCall call = switch (s.length) {
            case 0 -> root(method);
            case 1 -> RESERVED.contains(s[0]) || s[0].isEmpty() ? null : legacy(method, s[0]);
            case 2 ->
                s[0].equals("node")
                        ? node(method, s[1])
                        : s[0].equals("key") ? key(method, s[1]) : byId(method, s[0], s[1]);
            case 3 -> s[0].equals("key") ? keyAction(method, s[1], s[2]) : null;
            default -> null;
        };
        return Optional.ofNullable(call);
    }

    private static ProxyCall root(String method) {
        return switch (method) {
            case "GET" -> new Info();
            case "STATS" -> new Stats();
            case "OPTIONS" -> new Options();
            default -> null;
        };
    }

    private static ProxyCall legacy(String method, String key) {
        return switch (method) {
            case "GET" -> new Get(key, null);
            case "POST" -> new Put(key, null, false);
            case "SIGN" -> new Put(key, null, true);
            case "LISTEN" -> new Listen(key);
            case "OPTIONS" -> new Options();
            default -> null;
        };
    }

    private static ProxyCall node(String method, String what) {
        if (!method.equals("GET")) {
            return method.equals("OPTIONS") && (what.equals("info") || what.equals("stats")) ? new Options() : null;
        }
        return switch (what) {
            case "info" -> new Info();
            case "stats" -> new Stats();
            default -> null;
        };
    }

    private static ProxyCall key(String method, String key) {
        return switch (method) {
            case "GET" -> new Get(key, null);
            case "POST" -> new Put(key, null, false);
            case "OPTIONS" -> new Options();
            default -> null;
        };
    }

    /** {@code /K/ID}: only ids made of digits, so that paths such as {@code /K/events} stay others'. */
    private static ProxyCall byId(String method, String key, String id) {
        if (key.isEmpty() || id.isEmpty() || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return switch (method) {
            case "GET" -> new Get(key, id);
            case "PUT" -> new Put(key, id, false);
            case "OPTIONS" -> new Options();
            default -> null;
        };
    }

    private static ProxyCall keyAction(String method, String key, String action) {
        return switch (method + " " + action) {
            case "GET listen" -> new Listen(key);
            case "GET options", "OPTIONS listen", "OPTIONS sign", "OPTIONS options" -> new Options();
            case "POST sign" -> new Put(key, null, true);
            default -> null;
        };
    }
}

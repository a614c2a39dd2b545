package io.rdht.cli;

import java.net.InetSocketAddress;

/**
 * The address of a node's HTTP server as written in {@code --http}: {@code HOST:PORT}, or a port
 * alone on 127.0.0.1; port 0 takes any free port.
 */
public final class HttpAddress {

    /** The host bound when only a port is given: the HTTP port is local unless told otherwise. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    private HttpAddress() {}

    /**
     * Parses {@code 9100}, {@code 127.0.0.1:9100}, {@code 0.0.0.0:9100} or {@code [::1]:9100}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static InetSocketAddress parse(String text) {
        String t = text.strip();
        int colon = t.lastIndexOf(':');
        String host = colon < 0 ? DEFAULT_HOST : t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String port = t.substring(colon + 1);
        if (host.isEmpty() || !port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("expected [HOST:]PORT with a port in 0..65535, got '" + text + "'");
        }
        return InetSocketAddress.createUnresolved(host, Integer.parseInt(port));
    }
}

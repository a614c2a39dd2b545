package io.rdht.core;

import java.net.InetSocketAddress;

/** Parses {@code host:port} (and {@code [v6]:port}) as given on command lines and in configs. */
public final class HostPort {

    private HostPort() {}

    /**
     * The unresolved address of {@code text}.
     *
     * @param text {@code host:port}, a bracketed IPv6 host as {@code [::1]:4242}
     * @return the address, unresolved
     * @throws IllegalArgumentException naming the text when it is not {@code host:port} with a port
     *                                  in 1..65535
     */
    public static InetSocketAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("expected host:port, got '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port of '" + text + "' is not a number");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port of '" + text + "' is outside 1..65535");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }
}

package io.rdht.http.proxy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the gateway lets clients in: the bearer token that writes need, if any, and the origins
 * whose browser pages may call it (CORS). The defaults are the safe ones: no CORS header at all.
 *
 * @param writeToken     the token a put must carry as {@code Authorization: Bearer TOKEN}; empty
 *                       for writes open to every client that reaches the port
 * @param allowedOrigins origins answered with {@code Access-Control-Allow-Origin} (each
 *                       {@code scheme://host[:port]}, or {@code *} for every origin); empty for
 *                       CORS off
 */
public record GatewaySettings(Optional<String> writeToken, List<String> allowedOrigins) {

    /** No token, no CORS. */
    public static final GatewaySettings DEFAULT = new GatewaySettings(Optional.empty(), List.of());

    /** Checks the token is not blank and copies the origins. */
    public GatewaySettings {
        Objects.requireNonNull(writeToken, "writeToken");
        writeToken.ifPresent(t -> {
            if (t.isBlank()) {
                throw new IllegalArgumentException("the write token is blank");
            }
        });
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** Whether {@code origin}, a request's {@code Origin} header, may read the answers. */
    boolean allows(String origin) {
        return origin != null && (allowedOrigins.contains("*") || allowedOrigins.contains(origin));
    }
}

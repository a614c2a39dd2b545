package io.rdht.http.proxy;

import io.rdht.http.NodeHttpServer;
import java.time.Duration;

/**
 * The gateway's limits, per client address and in all. A client over a per-address limit is
 * answered 429 (with {@code Retry-After}), a body over {@link #MAX_BODY_BYTES} 413, and a gateway
 * at one of its overall limits 503.
 */
public final class GatewayLimits {

    /** Requests a client address may make per second, sustained. */
    public static final int REQUESTS_PER_SECOND = 50;
    /** Requests a client address may make at once after being idle (the bucket's size). */
    public static final int REQUEST_BURST = 100;
    /** Listen streams one client address may hold open at once. */
    public static final int STREAMS_PER_CLIENT = 64;
    /** Listen streams the gateway holds open at once, over every client. */
    public static final int MAX_STREAMS = 4096;
    /** Client addresses whose request budget is remembered; the longest idle is forgotten first. */
    public static final int MAX_TRACKED_CLIENTS = 10_000;
    /** Largest request body, declared or sent chunked, in bytes (the HTTP server's own limit). */
    public static final int MAX_BODY_BYTES = NodeHttpServer.MAX_BODY_BYTES;
    /** Values a permanent put keeps alive at once, over every client. */
    public static final int MAX_PERMANENT_PUTS = 1024;
    /** How long a permanent put is kept unless posted again (OpenDHT's proxy: one day). */
    public static final Duration PERMANENT_PUT_LIFETIME = Duration.ofHours(24);
    /** Longest a get waits for its lookup before answering 504. */
    public static final Duration GET_TIMEOUT = Duration.ofSeconds(30);
    /** Longest a put waits for the storers' answers before answering 504. */
    public static final Duration PUT_TIMEOUT = Duration.ofSeconds(30);

    private GatewayLimits() {}
}

package io.rdht.http.proxy;

import java.net.InetAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Per client address: a token bucket of requests ({@link GatewayLimits#REQUESTS_PER_SECOND}
 * refilled, {@link GatewayLimits#REQUEST_BURST} at most) and a count of open listen streams
 * ({@link GatewayLimits#STREAMS_PER_CLIENT}, {@link GatewayLimits#MAX_STREAMS} in all).
 *
 * <p>Threat-model note: one client flooding the gateway with requests or holding streams open
 * costs every other client their share of the node; the buckets bound what one address takes.
 * Addresses are remembered up to {@link GatewayLimits#MAX_TRACKED_CLIENTS}; past that the longest
 * idle without an open stream is forgotten (it starts again with a full bucket, which a spoofer of
 * many addresses cannot use: TCP needs a handshake). The gateway sees the TCP peer's address,
 * never {@code X-Forwarded-For}: behind a reverse proxy every client shares the proxy's budget.
 */
final class ClientLimits {

    /** Whether a request may go on, or which limit it broke. */
    enum Verdict {
        /** Within the limits. */
        OK,
        /** Over this client's own limit: 429. */
        CLIENT_LIMIT,
        /** Over the gateway's overall limit: 503. */
        GATEWAY_LIMIT
    }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final LongSupplier nanoTime;
    private final int perSecond;
    private final int burst;
    private final int streamsPerClient;
    private final int maxStreams;
    private final int maxTracked;
    private final LinkedHashMap<InetAddress, Client> clients = new LinkedHashMap<>(16, 0.75f, true);
    private int streams;

    ClientLimits(
            LongSupplier nanoTime, int perSecond, int burst, int streamsPerClient, int maxStreams, int maxTracked) {
        this.nanoTime = nanoTime;
        this.perSecond = perSecond;
        this.burst = burst;
        this.streamsPerClient = streamsPerClient;
        this.maxStreams = maxStreams;
        this.maxTracked = maxTracked;
    }

    /** The limits of {@link GatewayLimits} on {@code nanoTime}'s clock. */
    static ClientLimits standard(LongSupplier nanoTime) {
        return new ClientLimits(
                nanoTime,
                GatewayLimits.REQUESTS_PER_SECOND,
                GatewayLimits.REQUEST_BURST,
                GatewayLimits.STREAMS_PER_CLIENT,
                GatewayLimits.MAX_STREAMS,
                GatewayLimits.MAX_TRACKED_CLIENTS);
    }

    /** Takes one request from {@code address}'s bucket: false when it is empty. */
    synchronized boolean tryRequest(InetAddress address) {
        Client c = client(address);
        long now = nanoTime.getAsLong();
        c.tokens = Math.min(burst, c.tokens + (double) (now - c.refilled) * perSecond / NANOS_PER_SECOND);
        c.refilled = now;
        if (c.tokens < 1) {
            return false;
        }
        c.tokens -= 1;
        return true;
    }

    /** Opens a stream for {@code address} unless it, or the gateway, holds the most allowed. */
    synchronized Verdict tryOpenStream(InetAddress address) {
        Client c = client(address);
        if (c.streams >= streamsPerClient) {
            return Verdict.CLIENT_LIMIT;
        }
        if (streams >= maxStreams) {
            return Verdict.GATEWAY_LIMIT;
        }
        c.streams++;
        streams++;
        return Verdict.OK;
    }

    /** Closes a stream {@link #tryOpenStream} opened for {@code address}. */
    synchronized void closeStream(InetAddress address) {
        Client c = clients.get(address);
        if (c != null && c.streams > 0) {
            c.streams--;
            streams--;
        }
    }

    /** Streams open now, over every client. */
    synchronized int openStreams() {
        return streams;
    }

    private Client client(InetAddress address) {
        Client c = clients.get(address);
        if (c == null) {
            forgetIdleIfFull();
            c = new Client(burst, nanoTime.getAsLong());
            clients.put(address, c);
        }
        return c;
    }

    private void forgetIdleIfFull() {
        if (clients.size() < maxTracked) {
            return;
        }
        for (Iterator<Map.Entry<InetAddress, Client>> it = clients.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue().streams == 0) {
                it.remove();
                return;
            }
        }
    }

    private static final class Client {
        double tokens;
        long refilled;
        int streams;

        Client(double tokens, long refilled) {
            this.tokens = tokens;
            this.refilled = refilled;
        }
    }
}

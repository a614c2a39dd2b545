package io.rdht.monitor;

import io.rdht.cli.ExitCode;
import io.rdht.cli.UserError;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.http.NodeHttpServer;
import io.rdht.http.events.EventsRoute;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * The live map of a node's readings in a browser: the page and its bundled assets ({@link
 * PageRoute}) and the events stream it follows ({@code /{key}/events}, {@link EventsRoute}), on
 * one HTTP server. Used by {@code monitor --web} and {@code rdht demo --web}.
 */
public final class WebMap implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final NodeHttpServer server;
    private final EventsRoute events;

    private WebMap(NodeHttpServer server, EventsRoute events) {
        this.server = server;
        this.events = events;
    }

    /**
     * Serves the map of {@code key} on {@code address}, with tiles from {@code tiles} ({@code null}: none).
     *
     * @throws UserError (exit 1) when the address cannot be bound, (exit 2) when its host is unknown
     */
    public static WebMap start(DhtNode node, InfoHash key, String keyName, InetSocketAddress address, String tiles) {
        if (address.isUnresolved()) {
            throw new UserError(ExitCode.BAD_INPUT, "--web: unknown host " + address.getHostString());
        }
        EventsRoute events = new EventsRoute(node);
        try {
            NodeHttpServer server = NodeHttpServer.start(address, List.of(events, new PageRoute(key, keyName, tiles)))
                    .block(START_TIMEOUT);
            return new WebMap(server, events);
        } catch (RuntimeException e) {
            events.close();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new UserError(
                    ExitCode.FAILED,
                    "cannot serve the map on " + address.getHostString() + ":" + address.getPort() + ": "
                            + cause.getMessage() + " (is another process using that port?)");
        }
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
    public String url() {
        InetSocketAddress a = server.address();
        String host = a.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/";
    }

    /** Stops serving. */
    @Override
    public void close() {
        server.close();
        events.close();
    }
}

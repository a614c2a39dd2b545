package io.rdht.http;

import reactor.netty.http.server.HttpServerRoutes;

/** A part of the node's HTTP server: adds its paths to the server's routes. */
@FunctionalInterface
public interface HttpRoute {

    /** Adds this route's handlers to {@code routes}. */
    void addTo(HttpServerRoutes routes);

    /**
     * Where the route goes among the server's routes: lower first (the first route whose path
     * matches a request serves it). A fixed path that another route's pattern would also match,
     * such as {@code /{key}/events} against {@code /{hash}/{id}}, goes first with a negative one.
     */
    default int precedence() {
        return 0;
    }
}

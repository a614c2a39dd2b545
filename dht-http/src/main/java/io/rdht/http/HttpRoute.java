package io.rdht.http;

import reactor.netty.http.server.HttpServerRoutes;

/** A part of the node's HTTP server: adds its paths to the server's routes. */
@FunctionalInterface
public interface HttpRoute {

    /** Adds this route's handlers to {@code routes}. */
    void addTo(HttpServerRoutes routes);
}

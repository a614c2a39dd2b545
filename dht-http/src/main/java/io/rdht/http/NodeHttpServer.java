package io.rdht.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.InetSocketAddress;
import java.util.Comparator;
import java.util.List;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * The node's one HTTP server (Reactor Netty), serving the routes it is given.
 *
 * <p>Limits: a request line of at most {@value #MAX_REQUEST_LINE} bytes and headers of at most
 * {@value #MAX_HEADER_BYTES} (Netty refuses longer ones: 414 or 431), a body of at most
 * {@value #MAX_BODY_BYTES} bytes as declared by {@code Content-Length} (413 otherwise, before any
 * route runs). A path no route has gets 404. Routes are tried in the order of their {@link
 * HttpRoute#precedence()}, then in the order given.
 */
public final class NodeHttpServer implements AutoCloseable {

    /** Longest request body accepted, in bytes. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** Longest request line accepted, in bytes. */
    public static final int MAX_REQUEST_LINE = 4096;
    /** Most bytes of request headers accepted. */
    public static final int MAX_HEADER_BYTES = 8192;

    private final DisposableServer server;

    private NodeHttpServer(DisposableServer server) {
        this.server = server;
    }

    /**
     * Binds {@code address} and serves {@code routes} there.
     *
     * @return the server once bound; fails when the address cannot be bound
     */
    public static Mono<NodeHttpServer> start(InetSocketAddress address, List<HttpRoute> routes) {
        HttpServerRoutes table = HttpServerRoutes.newRoutes();
        routes.stream().sorted(Comparator.comparingInt(HttpRoute::precedence)).forEach(r -> r.addTo(table));
        return HttpServer.create()
                .bindAddress(() -> address)
                .httpRequestDecoder(
                        spec -> spec.maxInitialLineLength(MAX_REQUEST_LINE).maxHeaderSize(MAX_HEADER_BYTES))
                .handle((request, response) -> serve(table, request, response))
                .bind()
                .map(NodeHttpServer::new);
    }

    /** The address the server listens on. */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.address();
    }

    /** Stops listening and closes open connections. */
    public Mono<Void> stop() {
        return Mono.fromRunnable(server::disposeNow);
    }

    /** {@link #stop()}, waiting for it. */
    @Override
    public void close() {
        server.disposeNow();
    }

    private static Publisher<Void> serve(
            HttpServerRoutes routes, HttpServerRequest request, HttpServerResponse response) {
        String length = request.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null && tooLong(length)) {
            return response.status(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE)
                    .header(HttpHeaderNames.CONNECTION, "close")
                    .sendString(Mono.just("request body over " + MAX_BODY_BYTES + " bytes\n"));
        }
        return routes.apply(request, response);
    }

    private static boolean tooLong(String contentLength) {
        try {
            return Long.parseLong(contentLength.strip()) > MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}

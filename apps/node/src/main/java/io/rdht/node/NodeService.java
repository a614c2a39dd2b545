package io.rdht.node;

import io.rdht.cli.ExitCode;
import io.rdht.cli.UserError;
import io.rdht.cli.config.DurationText;
import io.rdht.core.DhtNode;
import io.rdht.crypto.Identity;
import io.rdht.http.HttpRoute;
import io.rdht.http.NodeHttpServer;
import io.rdht.http.events.EventsRoute;
import io.rdht.http.proxy.GatewaySettings;
import io.rdht.http.proxy.ProxyGateway;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A running headless node and its HTTP server, if any: started in one go, watched for the moments
 * it loses or regains every contact, and stopped in order. Each of these is one log line.
 */
final class NodeService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger("io.rdht.node");
    private static final Duration HTTP_START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration WATCH_EVERY = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final DhtNode node;
    private final NodeHttpServer http;
    private final ProxyGateway gateway;
    private final Disposable watch;
    private final Runnable closeState;
    private boolean stopped;

    private NodeService(
            DhtNode node, NodeHttpServer http, ProxyGateway gateway, Disposable watch, Runnable closeState) {
        this.node = node;
        this.http = http;
        this.gateway = gateway;
        this.watch = watch;
        this.closeState = closeState;
    }

    /**
     * Starts the node of {@code setup} and, when {@code httpAddress} is given, its HTTP server with
     * the routes of {@code metrics} and OpenDHT's proxy API under {@code access}; {@code closeState}
     * runs after the node has stopped.
     *
     * @throws UserError (exit 1) when the UDP or the HTTP port cannot be bound
     */
    static NodeService start(
            NodeSetup setup,
            String configFile,
            InetSocketAddress httpAddress,
            GatewaySettings access,
            NodeMetrics metrics,
            Runnable closeState) {
        log.info(
                "starting: configuration file {}, network {}, storage up to {} MiB, max TTL {}",
                configFile,
                setup.networkId(),
                setup.storage().maxTotalBytes() / (1024 * 1024),
                DurationText.of(setup.storage().maxTtl()));
        DhtNode node = NodeStarter.start(setup);
        log.info("{}", NodeStarter.describe(node, setup.bootstrap()));
        NodeHttpServer http = null;
        ProxyGateway gateway = null;
        if (httpAddress != null) {
            Identity identity = setup.config().identity();
            gateway = ProxyGateway.create(node, Optional.ofNullable(identity).map(Identity::publicKey), access);
            List<HttpRoute> routes =
                    new ArrayList<>(metrics.routes(node, setup.bootstrap().isEmpty()));
            routes.add(new EventsRoute(node));
            routes.add(gateway); // last: the node's own paths come first
            http = startHttp(node, httpAddress, routes);
            InetSocketAddress at = http.address();
            log.info("serving /metrics and /health on http://{}", Format.address(at));
            log.info(
                    "serving OpenDHT's proxy API on http://{}/ (docs/HTTP.md): writes {}, CORS {}",
                    Format.address(at),
                    access.writeToken().isPresent() ? "need the token" : "open to every client of the port",
                    access.allowedOrigins().isEmpty() ? "off" : "for " + String.join(", ", access.allowedOrigins()));
            if (!at.getAddress().isLoopbackAddress() && access.writeToken().isEmpty()) {
                log.warn(
                        "the gateway on {} takes puts from anyone who reaches it: set http-token (docs/HTTP.md)",
                        Format.address(at));
            }
        }
        boolean[] alone = {NodeStarter.contacts(node) == 0};
        Disposable watch = Flux.interval(WATCH_EVERY)
                .concatMap(
                        tick -> node.routingTable().map(r -> r.contactCount()).onErrorResume(e -> Mono.empty()))
                .subscribe(contacts -> {
                    if (contacts == 0 && !alone[0]) {
                        log.warn(
                                "no contacts left: the node is cut off from the network; retrying its bootstrap nodes");
                    } else if (contacts > 0 && alone[0]) {
                        log.info("in touch with the network: {}", Reports.count(contacts, "contact"));
                    }
                    alone[0] = contacts == 0;
                });
        return new NodeService(node, http, gateway, watch, closeState);
    }

    /**
     * Stops the HTTP server, then the node gracefully (its values handed on, its peers told),
     * because of {@code reason}, and logs what the stop did.
     */
    void stop(String reason) {
        if (stopped) {
            return;
        }
        log.info("stopping on {}", reason);
        long start = System.nanoTime();
        stopHttp();
        String left = GracefulStop.leave(node).orElse("already closed");
        stopped = true;
        closeState.run();
        log.info(
                "stopped in {} ms: {}{}; node {} closed",
                (System.nanoTime() - start) / 1_000_000,
                http == null ? "" : "HTTP server closed, ",
                left,
                node.id().shortHex());
    }

    /** Stops at once, without handing anything on: for a start that failed half-way. */
    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        stopHttp();
        node.shutdown().block(STOP_TIMEOUT);
        closeState.run();
    }

    private void stopHttp() {
        watch.dispose();
        if (http != null) {
            http.close();
            gateway.close();
        }
    }

    private static NodeHttpServer startHttp(DhtNode node, InetSocketAddress at, List<HttpRoute> routes) {
        InetSocketAddress resolved = new InetSocketAddress(at.getHostString(), at.getPort());
        if (resolved.isUnresolved()) {
            node.close();
            throw new UserError(ExitCode.BAD_INPUT, "--http: unknown host " + at.getHostString());
        }
        try {
            return NodeHttpServer.start(resolved, routes).block(HTTP_START_TIMEOUT);
        } catch (RuntimeException e) {
            node.close();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new UserError(
                    ExitCode.FAILED,
                    "cannot serve HTTP on " + Format.address(resolved) + ": " + cause.getMessage()
                            + " (is another process using that port?)");
        }
    }
}

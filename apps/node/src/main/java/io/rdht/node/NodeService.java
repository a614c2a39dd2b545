package io.rdht.node;

import io.rdht.cli.ExitCode;
import io.rdht.cli.UserError;
import io.rdht.cli.config.DurationText;
import io.rdht.core.DhtNode;
import io.rdht.http.HttpRoute;
import io.rdht.http.NodeHttpServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
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
    private final Disposable watch;
    private boolean stopped;

    private NodeService(DhtNode node, NodeHttpServer http, Disposable watch) {
        this.node = node;
        this.http = http;
        this.watch = watch;
    }

    /**
     * Starts the node of {@code setup} and, when {@code httpAddress} is given, its HTTP server with
     * the routes of {@code metrics}.
     *
     * @throws UserError (exit 1) when the UDP or the HTTP port cannot be bound
     */
    static NodeService start(NodeSetup setup, String configFile, InetSocketAddress httpAddress, NodeMetrics metrics) {
        log.info("starting: configuration file {}, network {}, storage up to {} MiB, max TTL {}", configFile,
                setup.networkId(), setup.storage().maxTotalBytes() / (1024 * 1024),
                DurationText.of(setup.storage().maxTtl()));
        DhtNode node = NodeStarter.start(setup);
        log.info("{}", NodeStarter.describe(node, setup.bootstrap()));
        NodeHttpServer http = null;
        if (httpAddress != null) {
            http = startHttp(node, httpAddress, metrics.routes(node, setup.bootstrap().isEmpty()));
            InetSocketAddress at = http.address();
            log.info("serving /metrics and /health on http://{}", Format.address(at));
        }
        boolean[] alone = {NodeStarter.contacts(node) == 0};
        Disposable watch = Flux.interval(WATCH_EVERY)
                .concatMap(tick -> node.routingTable().map(r -> r.contactCount()).onErrorResume(e -> Mono.empty()))
                .subscribe(contacts -> {
                    if (contacts == 0 && !alone[0]) {
                        log.warn("no contacts left: the node is cut off from the network; retrying its bootstrap nodes");
                    } else if (contacts > 0 && alone[0]) {
                        log.info("in touch with the network: {}", Reports.count(contacts, "contact"));
                    }
                    alone[0] = contacts == 0;
                });
        return new NodeService(node, http, watch);
    }

    /** Stops the HTTP server and the node, because of {@code reason}, and logs what the stop did. */
    void stop(String reason) {
        log.info("stopping on {}", reason);
        long start = System.nanoTime();
        stopAll();
        log.info("stopped in {} ms: {}node {} closed", (System.nanoTime() - start) / 1_000_000,
                http == null ? "" : "HTTP server closed, ", node.id().shortHex());
    }

    @Override
    public void close() {
        stopAll();
    }

    private void stopAll() {
        if (stopped) {
            return;
        }
        stopped = true;
        watch.dispose();
        if (http != null) {
            http.close();
        }
        // The one place the node is stopped: issue 10's graceful stop (hand values on, say
        // "leaving") replaces this call, and its report goes into the "stopped" line above.
        node.shutdown().block(STOP_TIMEOUT);
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
            throw new UserError(ExitCode.FAILED, "cannot serve HTTP on " + Format.address(resolved) + ": "
                    + cause.getMessage() + " (is another process using that port?)");
        }
    }
}

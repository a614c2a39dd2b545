package io.rdht.http.proxy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.rdht.core.DhtException;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.PutResult;
import io.rdht.core.Value;
import io.rdht.crypto.PublicKey;
import io.rdht.http.HttpRoute;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * OpenDHT's REST proxy API on the node's HTTP server: node info, stats, the values of a key or
 * one of them, puts (plain, signed by the node, permanent) and listen streams, in the forms of
 * {@link ProxyCall}, with the JSON of {@link ValueJson}. docs/HTTP.md maps it route by route.
 *
 * <p>Security: writes need the bearer token of {@link GatewaySettings} when one is set (401
 * otherwise); CORS headers are sent only to the origins it lists; every client address is held to
 * {@link GatewayLimits} (429, 413, 503). Close the gateway to stop its permanent puts.
 */
public final class ProxyGateway implements HttpRoute, AutoCloseable {

    /** The content type of every answer, as OpenDHT's proxy sends it. */
    public static final String CONTENT_TYPE = "application/json";
    /** The methods the gateway answers, for CORS preflights. */
    public static final String METHODS = "OPTIONS, GET, POST, PUT, LISTEN, STATS, SIGN";
    /** How long a browser may keep a preflight's answer, in seconds. */
    public static final int PREFLIGHT_MAX_AGE = 86_400;

    private static final Logger log = LoggerFactory.getLogger(ProxyGateway.class);

    private final DhtNode node;
    private final Optional<PublicKey> identity;
    private final GatewaySettings settings;
    private final ClientLimits limits;
    private final RequestRate rate;
    private final PermanentPuts permanents;

    ProxyGateway(
            DhtNode node,
            Optional<PublicKey> identity,
            GatewaySettings settings,
            LongSupplier nanoTime,
            Scheduler scheduler,
            RandomGenerator random) {
        this.node = node;
        this.identity = identity;
        this.settings = settings;
        this.limits = ClientLimits.standard(nanoTime);
        this.rate = new RequestRate(nanoTime);
        this.permanents = new PermanentPuts(
                node, scheduler, random, GatewayLimits.PERMANENT_PUT_LIFETIME, GatewayLimits.MAX_PERMANENT_PUTS);
    }

    /**
     * The gateway of {@code node}, whose identity's public key is {@code identity} (empty for a
     * node without one: signed puts then answer 501).
     */
    public static ProxyGateway create(DhtNode node, Optional<PublicKey> identity, GatewaySettings settings) {
        return new ProxyGateway(node, identity, settings, System::nanoTime, Schedulers.parallel(), new SecureRandom());
    }

    @Override
    public void addTo(HttpServerRoutes routes) {
        routes.route(request -> call(request).isPresent(), this::serve);
    }

    /** Stops the permanent puts. */
    @Override
    public void close() {
        permanents.close();
    }

    private static Optional<ProxyCall> call(HttpServerRequest request) {
        return ProxyCall.parse(request.method().name(), request.uri());
    }

    private Publisher<Void> serve(HttpServerRequest request, HttpServerResponse response) {
        ProxyCall call = call(request).orElseThrow();
        rate.count();
        response.header(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE);
        String origin = request.requestHeaders().get(HttpHeaderNames.ORIGIN);
        if (settings.allows(origin)) {
            response.header(
                            HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN,
                            settings.allowedOrigins().contains("*") ? "*" : origin)
                    .header(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
        }
        InetAddress client = request.remoteAddress().getAddress();
        if (!limits.tryRequest(client)) {
            log.debug("429 to {}: over {} requests per second", client, GatewayLimits.REQUESTS_PER_SECOND);
            response.header(HttpHeaderNames.RETRY_AFTER, "1");
            return error(
                    response,
                    HttpResponseStatus.TOO_MANY_REQUESTS,
                    "too many requests from " + client.getHostAddress() + ": at most "
                            + GatewayLimits.REQUESTS_PER_SECOND + " per second");
        }
        if (call.writes()
                && !WriteToken.authorizes(settings, request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION))) {
            response.header(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"rdht\"");
            return error(
                    response,
                    HttpResponseStatus.UNAUTHORIZED,
                    "writes need the gateway's token: Authorization: Bearer TOKEN");
        }
        return switch (call) {
            case ProxyCall.Info i ->
                NodeInfoJson.of(node, identity)
                        .flatMap(info -> send(
                                response,
                                HttpResponseStatus.OK,
                                ValueJson.write(info.put("public_ip", client.getHostAddress()))))
                        .onErrorResume(e -> unavailable(response, e));
            case ProxyCall.Stats s ->
                NodeInfoJson.of(node, identity)
                        .flatMap(info -> send(response, HttpResponseStatus.OK, ValueJson.write(stats(info))))
                        .onErrorResume(e -> unavailable(response, e));
            case ProxyCall.Options o ->
                send(
                        response.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, METHODS)
                                .header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "content-type, authorization")
                                .header(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, Integer.toString(PREFLIGHT_MAX_AGE)),
                        HttpResponseStatus.OK,
                        "");
            case ProxyCall.Get g -> withKey(response, g.key(), key -> get(response, key, g.id()));
            case ProxyCall.Put p -> withKey(response, p.key(), key -> put(request, response, key, p));
            case ProxyCall.Listen l -> withKey(response, l.key(), key -> listen(response, key, client));
        };
    }

    private ObjectNode stats(ObjectNode info) {
        ObjectNode o = ValueJson.MAPPER.createObjectNode();
        o.put("listenCount", limits.openStreams());
        o.set("nodeInfo", info);
        o.put("pushListenersCount", 0);
        o.put("putCount", permanents.keys());
        o.put("requestRate", rate.perSecond());
        o.put("totalPermanentPuts", permanents.values());
        return o;
    }

    /**
     * The values of {@code key} (those with id {@code idText} when given: 404 if none), one JSON
     * object per line. A lookup that reached nobody is an empty answer, as OpenDHT's.
     */
    private Mono<Void> get(HttpServerResponse response, InfoHash key, String idText) {
        long id;
        try {
            id = idText == null ? Value.UNASSIGNED_ID : ValueJson.parseId(idText);
        } catch (IllegalArgumentException e) {
            return error(response, HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
        return node.get(key)
                .filter(v -> idText == null || v.id() == id)
                .map(ValueJson::line)
                .collectList()
                .timeout(GatewayLimits.GET_TIMEOUT)
                .onErrorResume(DhtException.NoReachableNodes.class, e -> Mono.just(List.of()))
                .flatMap(lines -> idText != null && lines.isEmpty()
                        ? error(response, HttpResponseStatus.NOT_FOUND, "no value " + idText + " under key " + key)
                        : send(response, HttpResponseStatus.OK, String.join("", lines)))
                .onErrorResume(e -> failed(response, "get under " + key, e));
    }

    private Mono<Void> put(HttpServerRequest request, HttpServerResponse response, InfoHash key, ProxyCall.Put call) {
        return RequestBody.read(request, GatewayLimits.MAX_BODY_BYTES)
                .flatMap(body -> {
                    if (body.length == 0) {
                        return error(
                                response,
                                HttpResponseStatus.BAD_REQUEST,
                                "the body is empty; expected a value as JSON");
                    }
                    JsonNode root;
                    Value value;
                    try {
                        root = ValueJson.MAPPER.readTree(body);
                        value = ValueJson.parse(root);
                        if (call.id() != null) {
                            value = value.toBuilder()
                                    .id(ValueJson.parseId(call.id()))
                                    .build();
                        }
                    } catch (JacksonException e) {
                        return error(
                                response,
                                HttpResponseStatus.BAD_REQUEST,
                                "the body is not JSON: " + e.getOriginalMessage());
                    } catch (IOException e) {
                        throw new UncheckedIOException("reading JSON from bytes in memory", e);
                    } catch (IllegalArgumentException e) {
                        return error(response, HttpResponseStatus.BAD_REQUEST, e.getMessage());
                    }
                    Mono<PutResult> put = call.signed()
                            ? node.putSigned(key, value)
                            : root.has("permanent") ? permanents.put(key, value) : node.put(key, value);
                    return put.timeout(GatewayLimits.PUT_TIMEOUT)
                            .flatMap(result -> send(response, HttpResponseStatus.OK, ValueJson.line(result.value())))
                            .onErrorResume(e -> failed(response, "put under " + key, e));
                })
                .onErrorResume(
                        RequestBody.TooLarge.class,
                        e -> error(
                                response.header(HttpHeaderNames.CONNECTION, "close"),
                                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                                e.getMessage()));
    }

    private Mono<Void> listen(HttpServerResponse response, InfoHash key, InetAddress client) {
        ClientLimits.Verdict verdict = limits.tryOpenStream(client);
        if (verdict == ClientLimits.Verdict.CLIENT_LIMIT) {
            return error(
                    response.header(HttpHeaderNames.RETRY_AFTER, "1"),
                    HttpResponseStatus.TOO_MANY_REQUESTS,
                    "too many listen streams from " + client.getHostAddress() + ": at most "
                            + GatewayLimits.STREAMS_PER_CLIENT);
        }
        if (verdict == ClientLimits.Verdict.GATEWAY_LIMIT) {
            return error(
                    response,
                    HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "the gateway holds " + GatewayLimits.MAX_STREAMS + " listen streams already");
        }
        // a stream that ends on the node's side (overflow, node closed) ends the response cleanly
        Flux<String> lines = node.listen(key).map(ValueJson::line).onErrorResume(e -> {
            log.debug("listen stream of {} ended: {}", key, e.toString());
            return Flux.empty();
        });
        return response.status(HttpResponseStatus.OK)
                .sendHeaders()
                .then(response.sendString(lines))
                .then()
                .doFinally(signal -> limits.closeStream(client));
    }

    /** The answer to an operation that failed; one that fails in a way no status names is our bug, logged. */
    private static Mono<Void> failed(HttpServerResponse response, String operation, Throwable e) {
        HttpResponseStatus status = Failures.status(e);
        if (status.equals(HttpResponseStatus.INTERNAL_SERVER_ERROR)) {
            log.error("{} failed unexpectedly", operation, e);
        } else {
            log.debug("{} answered {}: {}", operation, status.code(), e.toString());
        }
        return error(response, status, Failures.message(e));
    }

    private static Mono<Void> withKey(HttpServerResponse response, String text, Function<InfoHash, Mono<Void>> serve) {
        InfoHash key;
        try {
            key = KeyText.parse(text);
        } catch (IllegalArgumentException e) {
            return error(response, HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
        return serve.apply(key);
    }

    private static Mono<Void> unavailable(HttpServerResponse response, Throwable e) {
        return error(response, HttpResponseStatus.SERVICE_UNAVAILABLE, "the node did not answer: " + e.getMessage());
    }

    /** An error as OpenDHT's proxy writes one: {@code {"err":"..."}}. */
    static Mono<Void> error(HttpServerResponse response, HttpResponseStatus status, String message) {
        ObjectNode o = ValueJson.MAPPER.createObjectNode().put("err", message);
        return send(response, status, ValueJson.write(o));
    }

    /** {@code body} with {@code status}, its length declared. */
    static Mono<Void> send(HttpServerResponse response, HttpResponseStatus status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return response.status(status)
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(bytes.length))
                .sendByteArray(Mono.just(bytes))
                .then();
    }
}

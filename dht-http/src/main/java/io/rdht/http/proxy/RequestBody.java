package io.rdht.http.proxy;

import java.io.ByteArrayOutputStream;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * A request's body, whole, up to a limit: the HTTP server refuses a declared {@code
 * Content-Length} over it before any route runs, and this refuses a chunked body as soon as it
 * passes it.
 */
final class RequestBody {

    /** A body over the limit. */
    static final class TooLarge extends RuntimeException {
        TooLarge(int max) {
            super("request body over " + max + " bytes");
        }
    }

    private RequestBody() {}

    /** The body's bytes (empty when there is none); fails with {@link TooLarge} past {@code max}. */
    static Mono<byte[]> read(HttpServerRequest request, int max) {
        return request.receive()
                .asByteArray()
                .reduce(new ByteArrayOutputStream(), (out, chunk) -> {
                    if (out.size() + chunk.length > max) {
                        throw new TooLarge(max);
                    }
                    out.writeBytes(chunk);
                    return out;
                })
                .map(ByteArrayOutputStream::toByteArray);
    }
}

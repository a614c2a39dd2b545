package io.rdht.http.proxy;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.rdht.core.DhtException;
import java.util.concurrent.TimeoutException;

/**
 * The status a failed get or put answers: 502 when the network refused or did not answer (as
 * OpenDHT's proxy answers a failed put), 400 for a value the node refuses before sending it, 501
 * for a signed put on a node without an identity, 503 when the node or the gateway cannot take it
 * now, 504 past {@link GatewayLimits#PUT_TIMEOUT} or {@link GatewayLimits#GET_TIMEOUT}.
 */
final class Failures {

    private Failures() {}

    static HttpResponseStatus status(Throwable e) {
        return switch (e) {
            case DhtException.InvalidValue x -> HttpResponseStatus.BAD_REQUEST;
            case DhtException.NotOwner x -> HttpResponseStatus.BAD_REQUEST;
            case DhtException.NoIdentity x -> HttpResponseStatus.NOT_IMPLEMENTED;
            case DhtException.NoReachableNodes x -> HttpResponseStatus.BAD_GATEWAY;
            case DhtException.Rejected x -> HttpResponseStatus.BAD_GATEWAY;
            case DhtException.NodeClosed x -> HttpResponseStatus.SERVICE_UNAVAILABLE;
            case PermanentPuts.Full x -> HttpResponseStatus.SERVICE_UNAVAILABLE;
            case TimeoutException x -> HttpResponseStatus.GATEWAY_TIMEOUT;
            default -> HttpResponseStatus.INTERNAL_SERVER_ERROR;
        };
    }

    static String message(Throwable e) {
        return e instanceof TimeoutException ? "the network did not answer in time" : String.valueOf(e.getMessage());
    }
}

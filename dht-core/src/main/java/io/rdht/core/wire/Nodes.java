package io.rdht.core.wire;

import io.rdht.core.NodeInfo;
import java.util.List;
import java.util.Objects;

/**
 * The answer to {@link FindNode}: the closest contacts the replier knows and a write token.
 *
 * @param closest contacts closest to the target (at most {@link WireLimits#MAX_CONTACTS})
 * @param token   a write token bound to the requester's address
 */
public record Nodes(List<NodeInfo> closest, Token token) implements Reply {
    /** Bounds the contacts and checks the token. */
    public Nodes {
        WireLimits.checkCount(closest.size(), WireLimits.MAX_CONTACTS, "contacts");
        closest = List.copyOf(closest);
        Objects.requireNonNull(token, "token");
    }
}

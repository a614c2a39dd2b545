package io.rdht.core.engine;

import io.rdht.core.wire.Nodes;
import io.rdht.core.wire.Reply;
import io.rdht.core.wire.Token;
import io.rdht.core.wire.ValuesFound;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The write tokens other nodes handed this node lately, by their address, so that a first get to
 * a node already met proves this node's address at once (docs/SECURITY.md, "Reply bound").
 *
 * <p>Bounded: {@link #CAPACITY} addresses, the least recently used forgotten first. A token is used
 * for {@code lifeMillis} after it arrived, one rotation period: its issuer still accepts it then.
 */
final class HeldTokens {

    /** Addresses whose tokens are kept at most. */
    static final int CAPACITY = 1024;

    private final long lifeMillis;
    private final Map<InetSocketAddress, Held> byAddress = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetSocketAddress, Held> eldest) {
            return size() > CAPACITY;
        }
    };

    HeldTokens(long lifeMillis) {
        this.lifeMillis = lifeMillis;
    }

    /** Keeps the token of a {@code nodes} or {@code values} reply from {@code from}. */
    void onReply(InetSocketAddress from, Reply reply, long nowMillis) {
        Token token = switch (reply) {
            case Nodes n -> n.token();
            case ValuesFound v -> v.token();
            default -> Token.NONE;
        };
        if (!token.equals(Token.NONE)) {
            byAddress.put(from, new Held(token, nowMillis));
        }
    }

    /** The token {@code to} handed out within its life, or {@link Token#NONE}. */
    Token tokenFrom(InetSocketAddress to, long nowMillis) {
        Held held = byAddress.get(to);
        return held == null || nowMillis - held.receivedMillis >= lifeMillis ? Token.NONE : held.token;
    }

    private record Held(Token token, long receivedMillis) {}
}

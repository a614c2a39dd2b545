package io.rdht.core.engine;

import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import io.rdht.core.wire.GetValues;
import io.rdht.core.wire.Listen;
import io.rdht.core.wire.Nodes;
import io.rdht.core.wire.PutValues;
import io.rdht.core.wire.Reply;
import io.rdht.core.wire.Request;
import io.rdht.core.wire.Token;
import io.rdht.core.wire.ValuesFound;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Bounds the reply to a requester that has not shown it receives at its address to {@link
 * #FACTOR} times the size of its request: a {@code values} reply keeps the contacts and the token
 * and as many values as fit, with {@code more} set; a {@code nodes} reply keeps as many contacts as
 * fit. A requester shows it receives by presenting a token we issued to its address, which it can
 * only have read from an earlier reply; with it, replies are unbounded.
 *
 * <p>Threat-model note: a request's source address is not checked by UDP, so a forged one makes
 * the reply land on a victim. Without this bound a 52-byte {@code get} of a full key drew about
 * 250 KB, a reflector of ×4,800. With it a forged request buys at most {@link #FACTOR} times its
 * own bytes, and the rest goes only to whoever receives the token. Implementation note: QUIC uses
 * ×3, but a Kademlia reply is useful only with its K = 8 contacts, which take up to ×7 of a
 * {@code find_node} (IPv6 contacts, see docs/SECURITY.md); so ×8.
 */
final class ReplyBound {

    /** Most bytes a reply to an unproven address may take, as a multiple of its request's bytes. */
    static final int FACTOR = 8;

    private final TokenIssuer tokens;

    ReplyBound(TokenIssuer tokens) {
        this.tokens = tokens;
    }

    /** True if {@code request} carries a token we issued to {@code from}: its sender receives there. */
    boolean isProven(Request request, InetSocketAddress from, long nowMillis) {
        Token token = switch (request) {
            case GetValues g -> g.token();
            case PutValues p -> p.token();
            case Listen l -> l.token();
            default -> Token.NONE;
        };
        return token.length() > 0 && tokens.isValid(token, from, nowMillis);
    }

    /**
     * {@code reply} cut down to at most {@code budgetBytes} on the wire as {@code wireBytes} counts
     * them, or null if not even its smallest form fits.
     */
    static Reply fit(Reply reply, int budgetBytes, ToIntFunction<Reply> wireBytes) {
        if (wireBytes.applyAsInt(reply) <= budgetBytes) {
            return reply;
        }
        return switch (reply) {
            case ValuesFound found -> fitValues(found, budgetBytes, wireBytes);
            case Nodes nodes -> {
                List<NodeInfo> contacts =
                        fitContacts(nodes.closest(), c -> new Nodes(c, nodes.token()), budgetBytes, wireBytes);
                yield contacts == null ? null : new Nodes(contacts, nodes.token());
            }
            default -> null;
        };
    }

    private static Reply fitValues(ValuesFound found, int budgetBytes, ToIntFunction<Reply> wireBytes) {
        boolean more = found.more() || !found.values().isEmpty();
        List<NodeInfo> contacts = fitContacts(
                found.closest(), c -> new ValuesFound(List.of(), c, found.token(), more), budgetBytes, wireBytes);
        if (contacts == null) {
            return null;
        }
        List<Value> kept = new ArrayList<>();
        for (Value v : found.values()) {
            if (v.dataLength() > budgetBytes) {
                break;
            }
            kept.add(v);
            if (wireBytes.applyAsInt(new ValuesFound(kept, contacts, found.token(), more)) > budgetBytes) {
                kept.removeLast();
                break;
            }
        }
        boolean stillMore = found.more() || kept.size() < found.values().size();
        return new ValuesFound(kept, contacts, found.token(), stillMore);
    }

    /** The longest prefix of {@code contacts} whose reply fits, or null if none does, not even empty. */
    private static List<NodeInfo> fitContacts(
            List<NodeInfo> contacts,
            Function<List<NodeInfo>, Reply> reply,
            int budgetBytes,
            ToIntFunction<Reply> wireBytes) {
        for (int n = contacts.size(); n >= 0; n--) {
            List<NodeInfo> prefix = contacts.subList(0, n);
            if (wireBytes.applyAsInt(reply.apply(prefix)) <= budgetBytes) {
                return prefix;
            }
        }
        return null;
    }
}

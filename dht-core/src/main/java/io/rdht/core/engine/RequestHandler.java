package io.rdht.core.engine;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import io.rdht.core.ValueIdentity;
import io.rdht.core.listen.ListenerRegistry;
import io.rdht.core.routing.AddressFamily;
import io.rdht.core.sign.SignatureVerifier;
import io.rdht.core.storage.Refusal;
import io.rdht.core.storage.Storage;
import io.rdht.core.storage.StoreOutcome;
import io.rdht.core.wire.Ack;
import io.rdht.core.wire.CancelListen;
import io.rdht.core.wire.ErrorCode;
import io.rdht.core.wire.ErrorReply;
import io.rdht.core.wire.FindNode;
import io.rdht.core.wire.GetValues;
import io.rdht.core.wire.Leaving;
import io.rdht.core.wire.Listen;
import io.rdht.core.wire.Nodes;
import io.rdht.core.wire.Ping;
import io.rdht.core.wire.Pong;
import io.rdht.core.wire.PutValues;
import io.rdht.core.wire.Reply;
import io.rdht.core.wire.Request;
import io.rdht.core.wire.Stored;
import io.rdht.core.wire.Update;
import io.rdht.core.wire.ValueVersion;
import io.rdht.core.wire.ValuesFound;
import io.rdht.core.wire.WireLimits;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serving side of the protocol: answers ping, find_node, get, put, listen, cancel_listen and leaving
 * from the routing table, the storage and the listener registry, and hands storers' pushes to
 * this node's listens.
 *
 * <p>Threat-model note: a put must carry a token issued to its source address, so nobody can
 * store in the name of an address they do not receive at. Storage limits, including a per-source
 * byte limit, bound what one requester can make us keep. Every signed value is verified under the
 * key of the put before it is stored, so a forged value, or one moved from another key, is never
 * stored nor handed on; values are kept by id and owner, so another owner's value under the same
 * id is stored beside it, never over it. Gets and listens are paged by value identity, so a full
 * key is sent once, in order, whatever the requester already holds.
 */
final class RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(RequestHandler.class);

    /** Room left in a reply for everything but the values. */
    private static final int REPLY_OVERHEAD_BYTES = 4 * 1024;
    /** Encoded size of a value beyond its data and content type. */
    private static final int VALUE_OVERHEAD_BYTES = 160;

    private final EngineEnvironment env;
    private final FamilyTables routing;
    private final Storage storage;
    private final TokenIssuer tokens;
    private final NodeStats stats;
    private final int k;
    private final StorageListener storageListener;
    private final ListenerRegistry listeners;
    private final ListenService listens;
    private final SignatureVerifier signatures;

    RequestHandler(
            EngineParts parts,
            TokenIssuer tokens,
            StorageListener storageListener,
            ListenerRegistry listeners,
            ListenService listens,
            SignatureVerifier signatures) {
        this.env = parts.env();
        this.routing = parts.routing();
        this.storage = parts.storage();
        this.tokens = tokens;
        this.stats = parts.stats();
        this.k = parts.settings().lookup().k();
        this.storageListener = storageListener;
        this.listeners = listeners;
        this.listens = listens;
        this.signatures = signatures;
    }

    /** The reply to {@code request} from {@code from}, or null to send none (a push nobody expected). */
    Reply handle(Request request, NodeInfo from) {
        return handle(request, from, false);
    }

    /**
     * The reply to {@code request} from {@code from}, or null to send none; contacts in the reply
     * are of the requester's address family, and of both families when {@code bothFamilies} (the
     * requester said it serves both).
     */
    Reply handle(Request request, NodeInfo from, boolean bothFamilies) {
        stats.requestServed();
        long now = env.nowMillis();
        return switch (request) {
            case Ping p -> new Pong();
            case FindNode f ->
                new Nodes(closestExcept(f.target(), from, bothFamilies), tokens.issue(from.address(), now));
            case GetValues g -> values(g.key(), g.after(), from, bothFamilies, now, v -> true);
            case PutValues p -> put(p, from.address(), now);
            case Listen l -> listen(l, from, bothFamilies, now);
            case CancelListen c -> {
                listeners.cancel(c.key(), from.address(), c.listenId());
                yield new Ack();
            }
            case Update u -> listens.onUpdate(u, from.address()) ? new Ack() : null;
            case Leaving l -> {
                routing.onLeft(from, now);
                yield new Ack();
            }
        };
    }

    private Reply listen(Listen listen, NodeInfo from, boolean both, long now) {
        if (!tokens.isValid(listen.token(), from.address(), now)) {
            stats.badToken();
            return new ErrorReply(ErrorCode.BAD_TOKEN, "write token missing, forged or expired; ask again");
        }
        Optional<String> refused =
                listeners.register(listen.key(), from, listen.listenId(), listen.pushDelayMillis(), now);
        if (refused.isPresent()) {
            stats.listenRefused();
            return new ErrorReply(ErrorCode.RATE_LIMITED, clip(refused.get()));
        }
        Map<ValueIdentity, ValueVersion> known = new HashMap<>();
        listen.known().forEach(v -> known.put(v.identity(), v));
        return values(listen.key(), listen.after(), from, both, now, v -> isNewerThan(v, known.get(v.identity())));
    }

    private static boolean isNewerThan(Value v, ValueVersion known) {
        return known == null
                || v.seq() > known.seq()
                || (v.seq() == known.seq() && v.created().toEpochMilli() > known.createdMillis());
    }

    /**
     * The wanted values of {@code key} after {@code after}, in identity order, as many as fit; the
     * requester asks for the rest from after the last one sent.
     */
    private ValuesFound values(
            InfoHash key, ValueIdentity after, NodeInfo from, boolean both, long now, Predicate<Value> wanted) {
        List<Value> out = new ArrayList<>();
        int budget = WireLimits.MAX_MESSAGE_BYTES - REPLY_OVERHEAD_BYTES;
        boolean more = false;
        for (Value v : storage.valuesAfter(key, after, now)) {
            if (!wanted.test(v)) {
                continue;
            }
            int size = v.dataLength() + v.contentType().length() + VALUE_OVERHEAD_BYTES;
            if (size > budget || out.size() == WireLimits.MAX_VALUES) {
                more = true;
                break;
            }
            budget -= size;
            out.add(v);
        }
        return new ValuesFound(out, closestExcept(key, from, both), tokens.issue(from.address(), now), more);
    }

    private Reply put(PutValues put, InetSocketAddress from, long now) {
        if (!tokens.isValid(put.token(), from, now)) {
            stats.badToken();
            return new ErrorReply(ErrorCode.BAD_TOKEN, "write token missing, forged or expired; ask again");
        }
        List<Long> stored = new ArrayList<>();
        List<Stored.Rejection> rejections = new ArrayList<>();
        for (Value v : put.values()) {
            StoreOutcome outcome = store(put.key(), v, from, now);
            if (outcome instanceof StoreOutcome.Refused refused) {
                stats.valueRefused();
                rejections.add(new Stored.Rejection(v.id(), wireCode(refused.code()), clip(refused.reason())));
            } else {
                stored.add(v.id());
                storageListener.onStored(put.key(), outcome);
            }
        }
        return new Stored(stored, rejections);
    }

    /** The error a putting node receives for {@code refusal}. */
    private static ErrorCode wireCode(Refusal refusal) {
        return switch (refusal) {
            case INVALID_VALUE -> ErrorCode.INVALID_VALUE;
            case VALUE_TOO_LARGE -> ErrorCode.VALUE_TOO_LARGE;
            case STORAGE_FULL -> ErrorCode.STORAGE_FULL;
        };
    }

    private StoreOutcome store(InfoHash key, Value value, InetSocketAddress from, long now) {
        Optional<String> badSignature = signatures.problemWith(key, value);
        if (badSignature.isPresent()) {
            stats.badSignatureRefused();
            log.debug("refused value {} under {} from {}: {}", value, key, from, badSignature.get());
            return new StoreOutcome.Refused(Refusal.INVALID_VALUE, badSignature.get());
        }
        // marked, so that this node's own listen and gets of the key do not verify it again
        return storage.store(key, value.isSigned() ? value.asVerified() : value, from, now);
    }

    /**
     * Up to K contacts closest to {@code target} of the requester's family, the requester left
     * out; then, for a requester of both families, up to K of the other family. The requester's
     * own family comes first, so a reply cut to the amplification bound keeps those.
     */
    private List<NodeInfo> closestExcept(InfoHash target, NodeInfo requester, boolean bothFamilies) {
        List<NodeInfo> out = new ArrayList<>(2 * k);
        AddressFamily own = AddressFamily.of(requester.address());
        for (AddressFamily family : routing.families()) {
            if (family != own && !bothFamilies) {
                continue;
            }
            List<NodeInfo> closest = routing.closestFor(family, target, k + 1);
            closest.removeIf(n -> n.id().equals(requester.id()));
            List<NodeInfo> kept = closest.size() > k ? closest.subList(0, k) : closest;
            if (family == own) {
                out.addAll(0, kept);
            } else {
                out.addAll(kept);
            }
        }
        return out;
    }

    private static String clip(String text) {
        return text.length() <= WireLimits.MAX_TEXT ? text : text.substring(0, WireLimits.MAX_TEXT);
    }

    /** Told of every value this node stores, so expiry timers and listeners can follow. */
    interface StorageListener {
        /** A value was added, updated or refreshed under {@code key}. */
        void onStored(InfoHash key, StoreOutcome outcome);
    }
}

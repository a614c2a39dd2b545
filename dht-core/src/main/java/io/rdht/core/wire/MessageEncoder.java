package io.rdht.core.wire;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import io.rdht.core.ValueIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Writes an {@link Envelope} as one CBOR array, in the layout of docs/PROTOCOL.md. Content the
 * protocol cannot carry (a value a peer would refuse) is our caller's bug: it throws
 * {@link IllegalArgumentException}.
 */
final class MessageEncoder {
    private MessageEncoder() {}

    static void write(CborWriter g, Envelope e) {
        switch (e.body()) {
            case Ping() -> header(g, e, Kind.PING);
            case Leaving() -> header(g, e, Kind.LEAVING);
            case FindNode(InfoHash target) -> {
                header(g, e, Kind.FIND_NODE);
                id(g, target);
            }
            case GetValues(InfoHash key, Token token, ValueIdentity after) -> {
                header(g, e, Kind.GET);
                id(g, key);
                token(g, token);
                position(g, after);
            }
            case PutValues(InfoHash key, Token token, List<Value> values) -> {
                header(g, e, Kind.PUT);
                id(g, key);
                token(g, token);
                values(g, values);
            }
            case Listen(
                    InfoHash key,
                    Token token,
                    long listenId,
                    List<ValueVersion> known,
                    ValueIdentity after,
                    long pushDelayMillis) -> {
                // without a delay, the listen of 0.1.0, which storers of that version take
                header(
                        g,
                        e,
                        Kind.LISTEN,
                        pushDelayMillis == 0 ? Kind.LISTEN.shortestArrayLength() : Kind.LISTEN.arrayLength());
                id(g, key);
                token(g, token);
                g.unsigned(listenId);
                versions(g, known);
                position(g, after);
                if (pushDelayMillis != 0) {
                    g.number(pushDelayMillis);
                }
            }
            case CancelListen(InfoHash key, long listenId) -> {
                header(g, e, Kind.CANCEL_LISTEN);
                id(g, key);
                g.unsigned(listenId);
            }
            case Update(InfoHash key, long listenId, List<Value> values) -> {
                header(g, e, Kind.UPDATE);
                id(g, key);
                g.unsigned(listenId);
                values(g, values);
            }
            case Pong() -> header(g, e, Kind.PONG);
            case Ack() -> header(g, e, Kind.ACK);
            case Nodes(List<NodeInfo> closest, Token token) -> {
                header(g, e, Kind.NODES);
                contacts(g, closest);
                token(g, token);
            }
            case ValuesFound(List<Value> values, List<NodeInfo> closest, Token token, boolean more) -> {
                header(g, e, Kind.VALUES);
                values(g, values);
                contacts(g, closest);
                token(g, token);
                g.bool(more);
            }
            case Stored(List<Long> storedIds, List<Stored.Rejection> rejections) -> {
                header(g, e, Kind.STORED);
                ids(g, storedIds);
                rejections(g, rejections);
            }
            case ErrorReply(ErrorCode code, String text) -> {
                header(g, e, Kind.ERROR);
                g.number(code.code());
                g.text(text);
            }
            case Fragment f -> {
                header(g, e, Kind.FRAGMENT);
                g.unsigned(f.messageId());
                g.number(f.index());
                g.number(f.count());
                g.bytes(f.chunk());
            }
        }
    }

    private static void header(CborWriter g, Envelope e, Kind kind) {
        header(g, e, kind, kind.arrayLength());
    }

    private static void header(CborWriter g, Envelope e, Kind kind, int arrayLength) {
        g.startArray(arrayLength);
        g.number(WireLimits.VERSION);
        g.number(Integer.toUnsignedLong(e.networkId()));
        g.number(kind.number());
        g.unsigned(e.transactionId());
        id(g, e.sender());
        g.number((e.readOnly() ? Kind.FLAG_READ_ONLY : 0) | (e.bothFamilies() ? Kind.FLAG_BOTH_FAMILIES : 0));
    }

    private static void id(CborWriter g, InfoHash id) {
        g.bytes(id.toBytes());
    }

    private static void token(CborWriter g, Token token) {
        g.bytes(token.toBytes());
    }

    private static void ids(CborWriter g, List<Long> ids) {
        g.startArray(ids.size());
        for (long id : ids) {
            g.unsigned(id);
        }
    }

    private static void versions(CborWriter g, List<ValueVersion> versions) {
        g.startArray(versions.size());
        for (ValueVersion v : versions) {
            if (v.createdMillis() < 0) {
                throw new IllegalArgumentException("a value's creation time must not be before 1970: " + v);
            }
            g.startArray(Layout.VERSION_FIELDS);
            g.unsigned(v.identity().id());
            g.number(v.seq());
            g.number(v.createdMillis());
            key(g, v.identity().owner(), WireLimits.PUBLIC_KEY_BYTES, "owner");
        }
    }

    /** A page position: {@code []} for the first page, else {@code [id, owner or null]}. */
    private static void position(CborWriter g, ValueIdentity after) {
        if (after == null) {
            g.startArray(0);
        } else {
            g.startArray(Layout.POSITION_FIELDS);
            g.unsigned(after.id());
            key(g, after.owner(), WireLimits.PUBLIC_KEY_BYTES, "owner");
        }
    }

    private static void contacts(CborWriter g, List<NodeInfo> contacts) {
        g.startArray(contacts.size());
        for (NodeInfo contact : contacts) {
            int port = contact.address().getPort();
            if (port == 0) {
                throw new IllegalArgumentException("contact " + contact + " has port 0");
            }
            g.startArray(Layout.CONTACT_FIELDS);
            id(g, contact.id());
            g.bytes(contact.address().getAddress().getAddress());
            g.number(port);
        }
    }

    private static void values(CborWriter g, List<Value> values) {
        g.startArray(values.size());
        for (Value v : values) {
            value(g, v);
        }
    }

    private static void value(CborWriter g, Value v) {
        if (v.dataLength() > Value.MAX_DATA_BYTES) {
            throw new IllegalArgumentException(
                    "value data of " + v.dataLength() + " bytes exceeds " + Value.MAX_DATA_BYTES);
        }
        WireLimits.checkText(v.contentType(), WireLimits.MAX_CONTENT_TYPE, "content type");
        g.startArray(Layout.VALUE_FIELDS);
        g.unsigned(v.id());
        g.number(v.seq());
        g.bytes(v.data());
        g.text(v.contentType());
        g.number(ttlMillis(v.ttl()));
        g.number(createdMillis(v.created()));
        key(g, v.owner(), WireLimits.PUBLIC_KEY_BYTES, "owner");
        key(g, v.signature(), WireLimits.SIGNATURE_BYTES, "signature");
        key(g, v.recipient(), WireLimits.PUBLIC_KEY_BYTES, "recipient");
    }

    private static long ttlMillis(Duration ttl) {
        long millis = ttl.toMillis();
        if (millis <= 0) {
            throw new IllegalArgumentException("a value's TTL must be at least 1 ms, not " + ttl);
        }
        return millis;
    }

    private static long createdMillis(Instant created) {
        long millis = created.toEpochMilli();
        if (millis < 0) {
            throw new IllegalArgumentException("a value's creation time must not be before 1970: " + created);
        }
        return millis;
    }

    private static void key(CborWriter g, byte[] bytes, int length, String what) {
        if (bytes == null) {
            g.nil();
            return;
        }
        if (bytes.length != length) {
            throw new IllegalArgumentException(what + " of " + bytes.length + " bytes, expected " + length);
        }
        g.bytes(bytes);
    }

    private static void rejections(CborWriter g, List<Stored.Rejection> rejections) {
        g.startArray(rejections.size());
        for (Stored.Rejection r : rejections) {
            g.startArray(Layout.REJECTION_FIELDS);
            g.unsigned(r.valueId());
            g.number(r.code().code());
            g.text(r.reason());
        }
    }
}

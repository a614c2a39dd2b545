package io.rdht.core.wire;

import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import io.rdht.core.ValueIdentity;
import java.io.IOException;
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

    static void write(CBORGenerator g, Envelope e) throws IOException {
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
                g.writeNumberUnsigned(listenId);
                versions(g, known);
                position(g, after);
                if (pushDelayMillis != 0) {
                    g.writeNumber(pushDelayMillis);
                }
            }
            case CancelListen(InfoHash key, long listenId) -> {
                header(g, e, Kind.CANCEL_LISTEN);
                id(g, key);
                g.writeNumberUnsigned(listenId);
            }
            case Update(InfoHash key, long listenId, List<Value> values) -> {
                header(g, e, Kind.UPDATE);
                id(g, key);
                g.writeNumberUnsigned(listenId);
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
                g.writeBoolean(more);
            }
            case Stored(List<Long> storedIds, List<Stored.Rejection> rejections) -> {
                header(g, e, Kind.STORED);
                ids(g, storedIds);
                rejections(g, rejections);
            }
            case ErrorReply(ErrorCode code, String text) -> {
                header(g, e, Kind.ERROR);
                g.writeNumber(code.code());
                g.writeString(text);
            }
            case Fragment f -> {
                header(g, e, Kind.FRAGMENT);
                g.writeNumberUnsigned(f.messageId());
                g.writeNumber(f.index());
                g.writeNumber(f.count());
                g.writeBinary(f.chunk());
            }
        }
        g.writeEndArray();
    }

    private static void header(CBORGenerator g, Envelope e, Kind kind) throws IOException {
        header(g, e, kind, kind.arrayLength());
    }

    private static void header(CBORGenerator g, Envelope e, Kind kind, int arrayLength) throws IOException {
        g.writeStartArray(e, arrayLength);
        g.writeNumber(WireLimits.VERSION);
        g.writeNumber(Integer.toUnsignedLong(e.networkId()));
        g.writeNumber(kind.number());
        g.writeNumberUnsigned(e.transactionId());
        id(g, e.sender());
        g.writeNumber((e.readOnly() ? Kind.FLAG_READ_ONLY : 0) | (e.bothFamilies() ? Kind.FLAG_BOTH_FAMILIES : 0));
    }

    private static void id(CBORGenerator g, InfoHash id) throws IOException {
        g.writeBinary(id.toBytes());
    }

    private static void token(CBORGenerator g, Token token) throws IOException {
        g.writeBinary(token.toBytes());
    }

    private static void ids(CBORGenerator g, List<Long> ids) throws IOException {
        g.writeStartArray(ids, ids.size());
        for (long id : ids) {
            g.writeNumberUnsigned(id);
        }
        g.writeEndArray();
    }

    private static void versions(CBORGenerator g, List<ValueVersion> versions) throws IOException {
        g.writeStartArray(versions, versions.size());
        for (ValueVersion v : versions) {
            if (v.createdMillis() < 0) {
                throw new IllegalArgumentException("a value's creation time must not be before 1970: " + v);
            }
            g.writeStartArray(v, Layout.VERSION_FIELDS);
            g.writeNumberUnsigned(v.identity().id());
            g.writeNumber(v.seq());
            g.writeNumber(v.createdMillis());
            key(g, v.identity().owner(), WireLimits.PUBLIC_KEY_BYTES, "owner");
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    /** A page position: {@code []} for the first page, else {@code [id, owner or null]}. */
    private static void position(CBORGenerator g, ValueIdentity after) throws IOException {
        if (after == null) {
            g.writeStartArray(null, 0);
        } else {
            g.writeStartArray(after, Layout.POSITION_FIELDS);
            g.writeNumberUnsigned(after.id());
            key(g, after.owner(), WireLimits.PUBLIC_KEY_BYTES, "owner");
        }
        g.writeEndArray();
    }

    private static void contacts(CBORGenerator g, List<NodeInfo> contacts) throws IOException {
        g.writeStartArray(contacts, contacts.size());
        for (NodeInfo contact : contacts) {
            int port = contact.address().getPort();
            if (port == 0) {
                throw new IllegalArgumentException("contact " + contact + " has port 0");
            }
            g.writeStartArray(contact, Layout.CONTACT_FIELDS);
            id(g, contact.id());
            g.writeBinary(contact.address().getAddress().getAddress());
            g.writeNumber(port);
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    private static void values(CBORGenerator g, List<Value> values) throws IOException {
        g.writeStartArray(values, values.size());
        for (Value v : values) {
            value(g, v);
        }
        g.writeEndArray();
    }

    private static void value(CBORGenerator g, Value v) throws IOException {
        if (v.dataLength() > Value.MAX_DATA_BYTES) {
            throw new IllegalArgumentException(
                    "value data of " + v.dataLength() + " bytes exceeds " + Value.MAX_DATA_BYTES);
        }
        WireLimits.checkText(v.contentType(), WireLimits.MAX_CONTENT_TYPE, "content type");
        g.writeStartArray(v, Layout.VALUE_FIELDS);
        g.writeNumberUnsigned(v.id());
        g.writeNumber(v.seq());
        g.writeBinary(v.data());
        g.writeString(v.contentType());
        g.writeNumber(ttlMillis(v.ttl()));
        g.writeNumber(createdMillis(v.created()));
        key(g, v.owner(), WireLimits.PUBLIC_KEY_BYTES, "owner");
        key(g, v.signature(), WireLimits.SIGNATURE_BYTES, "signature");
        key(g, v.recipient(), WireLimits.PUBLIC_KEY_BYTES, "recipient");
        g.writeEndArray();
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

    private static void key(CBORGenerator g, byte[] bytes, int length, String what) throws IOException {
        if (bytes == null) {
            g.writeNull();
            return;
        }
        if (bytes.length != length) {
            throw new IllegalArgumentException(what + " of " + bytes.length + " bytes, expected " + length);
        }
        g.writeBinary(bytes);
    }

    private static void rejections(CBORGenerator g, List<Stored.Rejection> rejections) throws IOException {
        g.writeStartArray(rejections, rejections.size());
        for (Stored.Rejection r : rejections) {
            g.writeStartArray(r, Layout.REJECTION_FIELDS);
            g.writeNumberUnsigned(r.valueId());
            g.writeNumber(r.code().code());
            g.writeString(r.reason());
            g.writeEndArray();
        }
        g.writeEndArray();
    }
}

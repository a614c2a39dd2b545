package io.rdht.core.wire;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import io.rdht.core.ValueIdentity;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an {@link Envelope} in the layout of docs/PROTOCOL.md, refusing anything else. The
 * records' constructors check the content; their {@link IllegalArgumentException}s are turned
 * into {@link MalformedMessageException}s by {@link WireCodec#decode}.
 */
final class MessageDecoder {
    private static final long MAX_NETWORK_ID = 0xffff_ffffL;
    private static final long MAX_KIND = 0xff;
    private static final long MAX_FLAGS = 0xffff;

    private MessageDecoder() {}

    static Envelope read(CborReader r) throws MalformedMessageException {
        int length = r.startArray("message");
        long version = r.uint(Long.MAX_VALUE, "version");
        if (version != WireLimits.VERSION) {
            throw new MalformedMessageException("version " + version + ", expected " + WireLimits.VERSION);
        }
        int networkId = (int) r.uint(MAX_NETWORK_ID, "network id");
        Kind kind = Kind.fromNumber(r.uint(MAX_KIND, "kind"));
        if (length < kind.shortestArrayLength() || length > kind.arrayLength()) {
            throw new MalformedMessageException(kind + " message of " + length + " fields, expected "
                    + (kind.shortestArrayLength() == kind.arrayLength()
                            ? kind.arrayLength()
                            : kind.shortestArrayLength() + " to " + kind.arrayLength()));
        }
        long transactionId = r.uint64("transaction id");
        InfoHash sender = id(r, "sender id");
        // unknown flag bits are ignored: a later version may use them
        long flags = r.uint(MAX_FLAGS, "flags");
        boolean readOnly = (flags & Kind.FLAG_READ_ONLY) != 0;
        boolean bothFamilies = (flags & Kind.FLAG_BOTH_FAMILIES) != 0;
        Body body = switch (kind) {
            case PING -> new Ping();
            case FIND_NODE -> new FindNode(id(r, "target"));
            case GET -> new GetValues(id(r, "key"), token(r), position(r));
            case PUT -> new PutValues(id(r, "key"), token(r), values(r));
            case LISTEN ->
                new Listen(
                        id(r, "key"),
                        token(r),
                        r.uint64("listen id"),
                        versions(r),
                        position(r),
                        length == kind.arrayLength() ? r.uint(WireLimits.MAX_PUSH_DELAY_MILLIS, "push delay") : 0);
            case CANCEL_LISTEN -> new CancelListen(id(r, "key"), r.uint64("listen id"));
            case UPDATE -> new Update(id(r, "key"), r.uint64("listen id"), values(r));
            case LEAVING -> new Leaving();
            case PONG -> new Pong();
            case ACK -> new Ack();
            case NODES -> new Nodes(contacts(r), token(r));
            case VALUES -> new ValuesFound(values(r), contacts(r), token(r), r.bool("more"));
            case STORED -> new Stored(ids(r, "stored ids"), rejections(r));
            case ERROR -> new ErrorReply(code(r), r.text(WireLimits.MAX_TEXT, "error text"));
            case FRAGMENT ->
                new Fragment(
                        r.uint64("message id"),
                        (int) r.uint(WireLimits.MAX_FRAGMENTS, "fragment index"),
                        (int) r.uint(WireLimits.MAX_FRAGMENTS, "fragment count"),
                        r.bytes(1, WireLimits.DATAGRAM_PAYLOAD, "fragment chunk"));
        };
        r.endArray("message");
        return new Envelope(networkId, transactionId, sender, body, readOnly, bothFamilies);
    }

    private static InfoHash id(CborReader r, String what) throws MalformedMessageException {
        return InfoHash.fromBytes(r.bytes(InfoHash.BYTES, InfoHash.BYTES, what));
    }

    private static Token token(CborReader r) throws MalformedMessageException {
        return Token.of(r.bytes(0, WireLimits.MAX_TOKEN_BYTES, "token"));
    }

    private static ErrorCode code(CborReader r) throws MalformedMessageException {
        return ErrorCode.fromCode((int) r.uint(Integer.MAX_VALUE, "error code"));
    }

    private static List<Long> ids(CborReader r, String what) throws MalformedMessageException {
        int count = r.startList(WireLimits.MAX_IDS, what);
        List<Long> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(r.uint64("value id"));
        }
        r.endArray(what);
        return ids;
    }

    private static List<ValueVersion> versions(CborReader r) throws MalformedMessageException {
        int count = r.startList(WireLimits.MAX_IDS, "known versions");
        List<ValueVersion> versions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            r.startArray(Layout.VERSION_FIELDS, "version");
            long id = r.uint64("value id");
            long seq = r.int64("value seq");
            long created = r.uint(Long.MAX_VALUE, "creation time");
            versions.add(new ValueVersion(
                    new ValueIdentity(id, r.nullableBytes(WireLimits.PUBLIC_KEY_BYTES, "owner")), seq, created));
            r.endArray("version");
        }
        r.endArray("known versions");
        return versions;
    }

    /** A page position: {@code []} (the first page, null) or {@code [id, owner or null]}. */
    private static ValueIdentity position(CborReader r) throws MalformedMessageException {
        int fields = r.startList(Layout.POSITION_FIELDS, "page position");
        if (fields == 0) {
            r.endArray("page position");
            return null;
        }
        if (fields != Layout.POSITION_FIELDS) {
            throw new MalformedMessageException(
                    "page position of " + fields + " fields, expected 0 or " + Layout.POSITION_FIELDS);
        }
        ValueIdentity after =
                new ValueIdentity(r.uint64("value id"), r.nullableBytes(WireLimits.PUBLIC_KEY_BYTES, "owner"));
        r.endArray("page position");
        return after;
    }

    private static List<NodeInfo> contacts(CborReader r) throws MalformedMessageException {
        int count = r.startList(WireLimits.MAX_CONTACTS, "contacts");
        List<NodeInfo> contacts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            r.startArray(Layout.CONTACT_FIELDS, "contact");
            InfoHash id = id(r, "contact id");
            InetAddress address = address(r.bytes(Layout.IPV4_BYTES, Layout.IPV6_BYTES, "contact address"));
            int port = (int) r.uint(Layout.MAX_PORT, "contact port");
            if (port == 0) {
                throw new MalformedMessageException("contact port 0");
            }
            r.endArray("contact");
            contacts.add(new NodeInfo(id, new InetSocketAddress(address, port)));
        }
        r.endArray("contacts");
        return contacts;
    }

    /** An IPv4 (4 bytes) or IPv6 (16 bytes) address. */
    private static InetAddress address(byte[] ip) throws MalformedMessageException {
        try {
            return InetAddress.getByAddress(ip);
        } catch (UnknownHostException e) {
            throw new MalformedMessageException("contact address of " + ip.length + " bytes");
        }
    }

    private static List<Value> values(CborReader r) throws MalformedMessageException {
        int count = r.startList(WireLimits.MAX_VALUES, "values");
        List<Value> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(value(r));
        }
        r.endArray("values");
        return values;
    }

    private static Value value(CborReader r) throws MalformedMessageException {
        r.startArray(Layout.VALUE_FIELDS, "value");
        Value.Builder b = Value.builder()
                .id(r.uint64("value id"))
                .seq(r.int64("value seq"))
                .data(r.bytes(0, Value.MAX_DATA_BYTES, "value data"))
                .contentType(r.text(WireLimits.MAX_CONTENT_TYPE, "content type"));
        long ttl = r.uint(Long.MAX_VALUE, "ttl");
        if (ttl == 0) {
            throw new MalformedMessageException("ttl 0");
        }
        b.ttl(Duration.ofMillis(ttl))
                .created(Instant.ofEpochMilli(r.uint(Long.MAX_VALUE, "creation time")))
                .owner(r.nullableBytes(WireLimits.PUBLIC_KEY_BYTES, "owner"))
                .signature(r.nullableBytes(WireLimits.SIGNATURE_BYTES, "signature"))
                .recipient(r.nullableBytes(WireLimits.PUBLIC_KEY_BYTES, "recipient"));
        r.endArray("value");
        return b.build();
    }

    private static List<Stored.Rejection> rejections(CborReader r) throws MalformedMessageException {
        int count = r.startList(WireLimits.MAX_VALUES, "rejections");
        List<Stored.Rejection> rejections = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            r.startArray(Layout.REJECTION_FIELDS, "rejection");
            long valueId = r.uint64("rejected value id");
            ErrorCode code = code(r);
            rejections.add(new Stored.Rejection(valueId, code, r.text(WireLimits.MAX_TEXT, "rejection reason")));
            r.endArray("rejection");
        }
        r.endArray("rejections");
        return rejections;
    }
}

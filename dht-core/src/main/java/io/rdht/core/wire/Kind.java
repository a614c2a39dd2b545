package io.rdht.core.wire;

import java.util.Map;

/**
 * The message kinds and the numbers that name them on the wire, with the number of body fields
 * each kind appends to the envelope's header.
 *
 * <p>Numbers 0 to 9 are requests, 10 to 19 replies, 20 a fragment; all fit in CBOR's one-byte
 * integer. Numbers of messages not implemented yet are reserved in {@link #RESERVED}.
 */
enum Kind {
    PING(0, 0),
    FIND_NODE(1, 1),
    GET(2, 3),
    PUT(3, 3),
    /** Its sixth body field, the push delay, came after 0.1.0: a listen without it asks for pushes at once. */
    LISTEN(4, 6, 5),
    CANCEL_LISTEN(5, 2),
    UPDATE(7, 3),
    LEAVING(8, 0),
    PONG(10, 0),
    NODES(11, 2),
    VALUES(12, 4),
    STORED(13, 2),
    ERROR(14, 2),
    ACK(15, 0),
    FRAGMENT(20, 4);

    /** Fields every message starts with: version, network id, kind, transaction id, sender id, flags. */
    static final int HEADER_FIELDS = 6;
    /** Bit of the flags field set by a read-only sender. */
    static final long FLAG_READ_ONLY = 1;
    /** Bit of the flags field set by a sender that serves IPv4 and IPv6: it wants contacts of both. */
    static final long FLAG_BOTH_FAMILIES = 2;

    /** Numbers kept for messages of a later version, so that no other message takes them. */
    static final Map<Integer, String> RESERVED = Map.of(6, "refresh");

    private static final Kind[] BY_NUMBER = new Kind[24];

    static {
        for (Kind k : values()) {
            BY_NUMBER[k.number] = k;
        }
    }

    private final int number;
    private final int bodyFields;
    private final int fewestBodyFields;

    Kind(int number, int bodyFields) {
        this(number, bodyFields, bodyFields);
    }

    /** A kind whose last {@code bodyFields - fewestBodyFields} fields may be left out, in order. */
    Kind(int number, int bodyFields, int fewestBodyFields) {
        this.number = number;
        this.bodyFields = bodyFields;
        this.fewestBodyFields = fewestBodyFields;
    }

    /** The number sent on the wire. */
    int number() {
        return number;
    }

    /** Length of the whole message array for this kind: header and body fields. */
    int arrayLength() {
        return HEADER_FIELDS + bodyFields;
    }

    /** Length of the whole message array with only the fields every version of this kind has. */
    int shortestArrayLength() {
        return HEADER_FIELDS + fewestBodyFields;
    }

    /** The kind a wire number names; {@code number} is not negative. */
    static Kind fromNumber(long number) throws MalformedMessageException {
        if (number >= BY_NUMBER.length || BY_NUMBER[(int) number] == null) {
            String reserved = RESERVED.get((int) Math.min(number, Integer.MAX_VALUE));
            throw new MalformedMessageException(
                    reserved != null
                            ? "kind " + number + " (" + reserved + ") is reserved for a later version"
                            : "unknown kind " + number);
        }
        return BY_NUMBER[(int) number];
    }
}

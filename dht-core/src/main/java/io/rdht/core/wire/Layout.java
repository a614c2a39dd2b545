package io.rdht.core.wire;

/** Sizes of the encoded structures that encoder and decoder share; see docs/PROTOCOL.md. */
final class Layout {
    /** Fields of an encoded value. */
    static final int VALUE_FIELDS = 9;
    /** Fields of an encoded value version: id, seq, creation time, owner. */
    static final int VERSION_FIELDS = 4;
    /** Fields of an encoded page position (a value identity): id, owner. */
    static final int POSITION_FIELDS = 2;
    /** Fields of an encoded contact: id, IP address, port. */
    static final int CONTACT_FIELDS = 3;
    /** Fields of an encoded rejection: value id, error code, reason. */
    static final int REJECTION_FIELDS = 3;
    /** Length of an IPv4 address. */
    static final int IPV4_BYTES = 4;
    /** Length of an IPv6 address. */
    static final int IPV6_BYTES = 16;
    /** Largest port number; port 0 is never sent. */
    static final int MAX_PORT = 0xffff;

    private Layout() {}
}

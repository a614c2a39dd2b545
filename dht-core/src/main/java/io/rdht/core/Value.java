package io.rdht.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One value stored under a key: an id, an edit sequence number, the data and its content type,
 * a time to live and a creation time; for signed values the owner's public key and a signature,
 * for encrypted values a recipient.
 *
 * <p>Several values live under one key, told apart by their 64-bit {@link #id()}. A value whose id
 * is {@link #UNASSIGNED_ID} is given a random id by the node that puts it; one whose creation time
 * is {@link Instant#EPOCH} is stamped with the node's time. Sizes and the TTL are checked by
 * {@link DhtNode#put}, which fails with an {@link DhtException.InvalidValue} rather than throwing
 * here.
 */
public final class Value {

    /** The largest data a value may carry, in bytes (OpenDHT's limit). */
    public static final int MAX_DATA_BYTES = 64 * 1024;
    /** The time to live of a value built without one. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);
    /** The id that asks the putting node to choose a random one. */
    public static final long UNASSIGNED_ID = 0;
    /** Content type of values built from text. */
    public static final String TEXT_PLAIN = "text/plain";
    /** Content type of opaque data. */
    public static final String OCTET_STREAM = "application/octet-stream";

    private final long id;
    private final long seq;
    private final byte[] data;
    private final String contentType;
    private final Duration ttl;
    private final Instant created;
    private final byte[] owner;
    private final byte[] signature;
    private final byte[] recipient;

    private Value(Builder b) {
        this.id = b.id;
        this.seq = b.seq;
        this.data = Objects.requireNonNull(b.data, "data");
        this.contentType = Objects.requireNonNull(b.contentType, "contentType");
        this.ttl = Objects.requireNonNull(b.ttl, "ttl");
        this.created = Objects.requireNonNull(b.created, "created");
        this.owner = b.owner;
        this.signature = b.signature;
        this.recipient = b.recipient;
    }

    /** A text value with the default TTL and an id chosen at put. */
    public static Value of(String text) {
        return builder().data(text.getBytes(StandardCharsets.UTF_8)).contentType(TEXT_PLAIN).build();
    }

    /** A builder with the default TTL, no id and no creation time. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this value's fields. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.seq = seq;
        b.data = data;
        b.contentType = contentType;
        b.ttl = ttl;
        b.created = created;
        b.owner = owner;
        b.signature = signature;
        b.recipient = recipient;
        return b;
    }

    /** The value's id under its key; {@link #UNASSIGNED_ID} until a node assigns one. */
    public long id() {
        return id;
    }

    /** The edit sequence: a later edit of the same id has a higher seq. */
    public long seq() {
        return seq;
    }

    /** A copy of the data. */
    public byte[] data() {
        return data.clone();
    }

    /** The data's length in bytes, without copying it. */
    public int dataLength() {
        return data.length;
    }

    /** The data read as UTF-8 text. */
    public String dataAsText() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** The content type, e.g. {@code application/json}. */
    public String contentType() {
        return contentType;
    }

    /** How long the value lives after its creation; each storer caps it by its own maximum. */
    public Duration ttl() {
        return ttl;
    }

    /** When the value was created; {@link Instant#EPOCH} until a node stamps it. */
    public Instant created() {
        return created;
    }

    /** The owner's public key, or {@code null} for an unsigned value. */
    public byte[] owner() {
        return owner == null ? null : owner.clone();
    }

    /** The owner's signature, or {@code null} for an unsigned value. */
    public byte[] signature() {
        return signature == null ? null : signature.clone();
    }

    /** The recipient's public key for an encrypted value, or {@code null}. */
    public byte[] recipient() {
        return recipient == null ? null : recipient.clone();
    }

    /** True if the value carries an owner and a signature. */
    public boolean isSigned() {
        return owner != null && signature != null;
    }

    /** True if both values have the same content: everything but the TTL and creation time. */
    public boolean sameContentAs(Value o) {
        return id == o.id && seq == o.seq && Arrays.equals(data, o.data) && contentType.equals(o.contentType)
                && Arrays.equals(owner, o.owner) && Arrays.equals(signature, o.signature)
                && Arrays.equals(recipient, o.recipient);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Value v && sameContentAs(v) && ttl.equals(v.ttl) && created.equals(v.created);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, seq, Arrays.hashCode(data), contentType, ttl, created);
    }

    @Override
    public String toString() {
        String shown = contentType.startsWith("text/") || contentType.equals("application/json")
                ? '"' + abbreviate(dataAsText()) + '"'
                : HexFormat.of().formatHex(data, 0, Math.min(data.length, 16)) + (data.length > 16 ? "…" : "");
        return "Value[id=" + Long.toUnsignedString(id, 16) + ", seq=" + seq + ", " + contentType + " " + shown
                + ", ttl=" + ttl + (isSigned() ? ", signed" : "") + "]";
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** Builds a {@link Value}; only null checks happen here, sizes are checked at put. */
    public static final class Builder {
        private long id = UNASSIGNED_ID;
        private long seq;
        private byte[] data = new byte[0];
        private String contentType = OCTET_STREAM;
        private Duration ttl = DEFAULT_TTL;
        private Instant created = Instant.EPOCH;
        private byte[] owner;
        private byte[] signature;
        private byte[] recipient;

        private Builder() {
        }

        /** Sets the id; {@link #UNASSIGNED_ID} lets the node choose. */
        public Builder id(long id) {
            this.id = id;
            return this;
        }

        /** Sets the edit sequence number. */
        public Builder seq(long seq) {
            this.seq = seq;
            return this;
        }

        /** Sets the data (copied). */
        public Builder data(byte[] data) {
            this.data = data.clone();
            return this;
        }

        /** Sets the data to the UTF-8 bytes of {@code text}. */
        public Builder text(String text) {
            this.data = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** Sets the content type. */
        public Builder contentType(String contentType) {
            this.contentType = Objects.requireNonNull(contentType, "contentType");
            return this;
        }

        /** Sets the time to live. */
        public Builder ttl(Duration ttl) {
            this.ttl = Objects.requireNonNull(ttl, "ttl");
            return this;
        }

        /** Sets the creation time. */
        public Builder created(Instant created) {
            this.created = Objects.requireNonNull(created, "created");
            return this;
        }

        /** Sets the owner's public key (copied), or {@code null}. */
        public Builder owner(byte[] owner) {
            this.owner = owner == null ? null : owner.clone();
            return this;
        }

        /** Sets the signature (copied), or {@code null}. */
        public Builder signature(byte[] signature) {
            this.signature = signature == null ? null : signature.clone();
            return this;
        }

        /** Sets the recipient's public key (copied), or {@code null}. */
        public Builder recipient(byte[] recipient) {
            this.recipient = recipient == null ? null : recipient.clone();
            return this;
        }

        /** The value. */
        public Value build() {
            return new Value(this);
        }
    }
}

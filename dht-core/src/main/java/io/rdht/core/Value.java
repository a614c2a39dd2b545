package io.rdht.core;

import io.rdht.crypto.PublicKey;
import io.rdht.crypto.RecipientKey;
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
 *
 * <p>A value a node hands to its caller also says what the node found out about it: whether it
 * {@link #verified()} the owner's signature, and whether it {@link #decrypted()} the data for its
 * identity. That is local knowledge: it is never sent, and no node trusts it in a value it is
 * given, since every node checks each signature itself.
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
    private final boolean verified;
    private final boolean decrypted;

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
        this.verified = false;
        this.decrypted = false;
    }

    private Value(Value v, byte[] data, boolean verified, boolean decrypted) {
        this.id = v.id;
        this.seq = v.seq;
        this.data = data;
        this.contentType = v.contentType;
        this.ttl = v.ttl;
        this.created = v.created;
        this.owner = v.owner;
        this.signature = v.signature;
        this.recipient = v.recipient;
        this.verified = verified;
        this.decrypted = decrypted;
    }

    /**
     * A text value with the default TTL and an id chosen at put.
     *
     * @param text the data, as UTF-8
     * @return the value
     */
    public static Value of(String text) {
        return builder()
                .data(text.getBytes(StandardCharsets.UTF_8))
                .contentType(TEXT_PLAIN)
                .build();
    }

    /** {@return A builder with the default TTL, no id and no creation time} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder that starts from this value's fields; the value it builds is neither
     * {@link #verified()} nor {@link #decrypted()}.
     *
     * @return a builder holding this value's fields
     */
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

    /** {@return the value's id under its key; {@link #UNASSIGNED_ID} until a node assigns one} */
    public long id() {
        return id;
    }

    /** {@return the edit sequence: a later edit of the same id has a higher seq} */
    public long seq() {
        return seq;
    }

    /** {@return A copy of the data} */
    public byte[] data() {
        return data.clone();
    }

    /** {@return the data's length in bytes, without copying it} */
    public int dataLength() {
        return data.length;
    }

    /** {@return the data read as UTF-8 text} */
    public String dataAsText() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** {@return the content type, e.g. {@code application/json}} */
    public String contentType() {
        return contentType;
    }

    /** {@return how long the value lives after its creation; each storer caps it by its own maximum} */
    public Duration ttl() {
        return ttl;
    }

    /** {@return when the value was created; {@link Instant#EPOCH} until a node stamps it} */
    public Instant created() {
        return created;
    }

    /** {@return the owner's public key, or {@code null} for an unsigned value} */
    public byte[] owner() {
        return owner == null ? null : owner.clone();
    }

    /** {@return the owner's signature, or {@code null} for an unsigned value} */
    public byte[] signature() {
        return signature == null ? null : signature.clone();
    }

    /** {@return the recipient's public key for an encrypted value, or {@code null}} */
    public byte[] recipient() {
        return recipient == null ? null : recipient.clone();
    }

    /**
     * The owner's public key, or {@code null} for an unsigned value.
     *
     * @return the key, or {@code null}
     * @throws IllegalArgumentException if the owner is not 32 bytes, which only a value built by
     *     hand can be: no node hands out or stores such a value
     */
    public PublicKey ownerKey() {
        return owner == null ? null : PublicKey.fromBytes(owner);
    }

    /**
     * The recipient's key for an encrypted value, or {@code null}.
     *
     * @return the key, or {@code null}
     * @throws IllegalArgumentException if the recipient is not 32 bytes, which only a value built
     *     by hand can be
     */
    public RecipientKey recipientKey() {
        return recipient == null ? null : RecipientKey.fromBytes(recipient);
    }

    /**
     * True if the node that handed out this value checked that its owner signed it, under the key
     * it was found at; false for unsigned values and for values built by the caller.
     *
     * @return whether the value's signature was verified
     */
    public boolean verified() {
        return verified;
    }

    /**
     * True if the node decrypted this value for its identity: {@link #data()} is then the
     * plaintext, while {@link #signature()} still covers the ciphertext that travelled.
     *
     * @return whether the data was decrypted
     */
    public boolean decrypted() {
        return decrypted;
    }

    /**
     * A copy marked {@link #verified()}. For the node, which marks the values it checked before it
     * hands them out; the mark never leaves this process.
     *
     * @return the marked copy
     */
    public Value asVerified() {
        return new Value(this, data, true, decrypted);
    }

    /**
     * A copy whose data is {@code plaintext}, the decryption of this value's data, marked
     * {@link #decrypted()}. For the node, which decrypts the values sent to its identity.
     *
     * @param plaintext the decrypted data
     * @return the decrypted copy
     */
    public Value asDecrypted(byte[] plaintext) {
        return new Value(this, plaintext.clone(), verified, true);
    }

    /** {@return true if the value carries an owner and a signature} */
    public boolean isSigned() {
        return owner != null && signature != null;
    }

    /**
     * The value's identity under its key: its id and its owner (none for an unsigned value).
     *
     * @return the id and owner
     * @throws IllegalArgumentException if the owner is not 32 bytes, which only a value built by
     *     hand can be: no node hands out or stores such a value
     */
    public ValueIdentity identity() {
        return new ValueIdentity(id, owner);
    }

    /**
     * True if this value is a later edit of {@code previous}: the same {@link #identity()} (id and
     * owner) and a higher seq, as storers' edit policy has it. Another owner's value under the id
     * is another value, never an edit, however high its seq.
     *
     * @param previous the value it may replace
     * @return whether it is a later edit
     */
    public boolean isEditOf(Value previous) {
        return id == previous.id && seq > previous.seq && Arrays.equals(owner, previous.owner);
    }

    /**
     * True if both values are the same version of one value: the same identity, seq, data,
     * content type and recipient, whatever their TTL, creation time and signature. A signed value
     * re-published by its owner ({@code announce}) is such a copy, signed anew over a later
     * creation time; storers and readers verify each signature before they compare.
     *
     * @param o the other value
     * @return whether they are the same version
     */
    public boolean sameVersionAs(Value o) {
        return id == o.id
                && seq == o.seq
                && Arrays.equals(data, o.data)
                && contentType.equals(o.contentType)
                && Arrays.equals(owner, o.owner)
                && Arrays.equals(recipient, o.recipient);
    }

    /**
     * True if both values have the same content: everything but the TTL and creation time.
     *
     * @param o the other value
     * @return whether they have the same content
     */
    public boolean sameContentAs(Value o) {
        return id == o.id
                && seq == o.seq
                && Arrays.equals(data, o.data)
                && contentType.equals(o.contentType)
                && Arrays.equals(owner, o.owner)
                && Arrays.equals(signature, o.signature)
                && Arrays.equals(recipient, o.recipient);
    }

    /**
     * True for a value with the same content, TTL and creation time; whether a node verified or
     * decrypted either one does not count.
     */
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
                + ", ttl=" + ttl + (isSigned() ? ", signed" : "") + (verified ? ", verified" : "")
                + (recipient == null ? "" : decrypted ? ", decrypted" : ", encrypted") + "]";
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

        private Builder() {}

        /**
         * Sets the id; {@link #UNASSIGNED_ID} lets the node choose.
         *
         * @param id the id
         * @return this builder
         */
        public Builder id(long id) {
            this.id = id;
            return this;
        }

        /**
         * Sets the edit sequence number.
         *
         * @param seq the seq, 0 or more
         * @return this builder
         */
        public Builder seq(long seq) {
            this.seq = seq;
            return this;
        }

        /**
         * Sets the data (copied).
         *
         * @param data the bytes
         * @return this builder
         */
        public Builder data(byte[] data) {
            this.data = data.clone();
            return this;
        }

        /**
         * Sets the data to the UTF-8 bytes of {@code text}.
         *
         * @param text the text
         * @return this builder
         */
        public Builder text(String text) {
            this.data = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /**
         * Sets the content type.
         *
         * @param contentType e.g. {@code application/json}
         * @return this builder
         */
        public Builder contentType(String contentType) {
            this.contentType = Objects.requireNonNull(contentType, "contentType");
            return this;
        }

        /**
         * Sets the time to live.
         *
         * @param ttl the time to live
         * @return this builder
         */
        public Builder ttl(Duration ttl) {
            this.ttl = Objects.requireNonNull(ttl, "ttl");
            return this;
        }

        /**
         * Sets the creation time.
         *
         * @param created the creation time
         * @return this builder
         */
        public Builder created(Instant created) {
            this.created = Objects.requireNonNull(created, "created");
            return this;
        }

        /**
         * Sets the owner's public key (copied), or {@code null}.
         *
         * @param owner the owner's 32-byte public key
         * @return this builder
         */
        public Builder owner(byte[] owner) {
            this.owner = owner == null ? null : owner.clone();
            return this;
        }

        /**
         * Sets the signature (copied), or {@code null}.
         *
         * @param signature the 64-byte signature
         * @return this builder
         */
        public Builder signature(byte[] signature) {
            this.signature = signature == null ? null : signature.clone();
            return this;
        }

        /**
         * Sets the recipient's public key (copied), or {@code null}.
         *
         * @param recipient the recipient's 32-byte key
         * @return this builder
         */
        public Builder recipient(byte[] recipient) {
            this.recipient = recipient == null ? null : recipient.clone();
            return this;
        }

        /**
         * The value.
         *
         * @return the value
         */
        public Value build() {
            return new Value(this);
        }
    }
}

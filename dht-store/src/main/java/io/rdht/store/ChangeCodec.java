package io.rdht.store;

import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.core.ValueIdentity;
import io.rdht.core.state.SavedValue;
import io.rdht.core.wire.WireLimits;
import io.rdht.crypto.PublicKey;
import io.rdht.crypto.RecipientKey;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The binary form of a batch of value changes, one row of the value log (see {@link ValueLog}):
 * a format byte ({@value #FORMAT}), then each change in order. A saved value is tag 1, its key
 * (20 bytes), id, owner (a length byte, 0 or 32, and the key), sequence number, data (a 4-byte
 * length), content type (a 2-byte length, UTF-8), TTL and creation time in milliseconds, signature
 * (a length byte, 0 or 64), recipient (0 or 32), source address (4 or 16) and expiry in
 * milliseconds; a removal is tag 2, the key, id and owner. Numbers are big-endian.
 *
 * <p>Reading checks every length against the value's own limits before it takes the bytes, so a
 * tampered row cannot make the reader allocate more than the row's own size.
 */
final class ChangeCodec {

    /** The format byte this code writes and reads. */
    static final byte FORMAT = 1;

    private static final byte SAVE = 1;
    private static final byte REMOVE = 2;
    private static final int MAX_CONTENT_TYPE_BYTES = WireLimits.MAX_CONTENT_TYPE * 4;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);
    private int changes;

    /** Adds a saved value to the batch. */
    void save(SavedValue saved) {
        Value v = saved.value();
        try {
            start(SAVE, saved.key(), v.identity());
            out.writeLong(v.seq());
            out.writeInt(v.data().length);
            out.write(v.data());
            byte[] contentType = v.contentType().getBytes(StandardCharsets.UTF_8);
            out.writeShort(contentType.length);
            out.write(contentType);
            out.writeLong(v.ttl().toMillis());
            out.writeLong(v.created().toEpochMilli());
            writeSized(v.signature());
            writeSized(v.recipient());
            writeSized(saved.source().getAddress());
            out.writeLong(saved.expiresAtMillis());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
    }

    /** Adds a removal to the batch. */
    void remove(InfoHash key, ValueIdentity identity) {
        try {
            start(REMOVE, key, identity);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds a change already in this format: bytes {@code from} (inclusive) to {@code to} of a batch
     * that {@link #skim} marked as one change.
     */
    void copy(byte[] batch, int from, int to) {
        if (bytes.size() == 0) {
            bytes.write(FORMAT);
        }
        changes++;
        bytes.write(batch, from, to - from);
    }

    /** Changes added since the last {@link #take}. */
    int changes() {
        return changes;
    }

    /** Bytes added since the last {@link #take}. */
    int size() {
        return bytes.size();
    }

    /** The batch's bytes; empties the codec for the next batch. */
    byte[] take() {
        byte[] batch = bytes.toByteArray();
        bytes.reset();
        changes = 0;
        return batch;
    }

    private void start(byte tag, InfoHash key, ValueIdentity identity) throws IOException {
        if (bytes.size() == 0) {
            out.writeByte(FORMAT);
        }
        changes++;
        out.writeByte(tag);
        out.write(key.toBytes());
        out.writeLong(identity.id());
        writeSized(identity.owner());
    }

    /** A byte array of at most 255 bytes, or none (null), as a length byte and the bytes. */
    private void writeSized(byte[] field) throws IOException {
        if (field == null) {
            out.writeByte(0);
            return;
        }
        out.writeByte(field.length);
        out.write(field);
    }

    /**
     * Reads the changes of one batch, in order, into {@code sink}.
     *
     * @throws FormatException if the batch is not in this format, or is cut short, or a length
     *                         breaks a value's limits; the changes before it have reached the sink
     */
    static void read(byte[] batch, Sink sink) throws FormatException {
        forEachChange(batch, (in, tag, key, identity) -> {
            switch (tag) {
                case SAVE -> save(in, key, identity, sink);
                case REMOVE -> sink.removed(key, identity);
                default -> throw new FormatException("unknown change " + tag);
            }
        });
    }

    /**
     * Finds where each change of one batch starts and ends, and the value it changes, without
     * making values: what a compaction needs to keep the last change of each value as it is.
     *
     * @throws FormatException as {@link #read} does, for the batch's structure (not for values
     *                         whose fields are complete but invalid, which {@link #read} skips)
     */
    static void skim(byte[] batch, Marks marks) throws FormatException {
        int[] from = {1};
        forEachChange(batch, (in, tag, key, identity) -> {
            switch (tag) {
                case SAVE -> skipSave(in);
                case REMOVE -> {}
                default -> throw new FormatException("unknown change " + tag);
            }
            marks.change(new Slot(key, identity), tag == SAVE, from[0], in.position());
            from[0] = in.position();
        });
    }

    /** Reads the format byte, then each change's tag, key and identity, and hands the rest to {@code change}. */
    private static void forEachChange(byte[] batch, ChangeStart change) throws FormatException {
        ByteBuffer in = ByteBuffer.wrap(batch);
        try {
            if (in.get() != FORMAT) {
                throw new FormatException("unknown format " + batch[0]);
            }
            while (in.hasRemaining()) {
                byte tag = in.get();
                InfoHash key = InfoHash.fromBytes(bytes(in, InfoHash.BYTES));
                long id = in.getLong();
                change.read(in, tag, key, new ValueIdentity(id, optional(in, PublicKey.LENGTH)));
            }
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new FormatException("cut short");
        }
    }

    /** The rest of a change, after its tag, key and identity. */
    @FunctionalInterface
    private interface ChangeStart {
        void read(ByteBuffer in, byte tag, InfoHash key, ValueIdentity identity) throws FormatException;
    }

    /** Moves past a saved value's fields after its owner. */
    private static void skipSave(ByteBuffer in) throws FormatException {
        skip(in, Long.BYTES);
        skip(in, length(in.getInt(), Value.MAX_DATA_BYTES, "data"));
        skip(in, length(in.getShort(), MAX_CONTENT_TYPE_BYTES, "content type"));
        skip(in, 2 * Long.BYTES);
        optional(in, PublicKey.SIGNATURE_LENGTH);
        optional(in, RecipientKey.LENGTH);
        skip(in, Byte.toUnsignedInt(in.get()));
        skip(in, Long.BYTES);
    }

    /** Moves {@code n} bytes on; past the end, an {@link IllegalArgumentException}. */
    private static void skip(ByteBuffer in, int n) {
        in.position(in.position() + n);
    }

    private static void save(ByteBuffer in, InfoHash key, ValueIdentity identity, Sink sink) throws FormatException {
        long seq = in.getLong();
        byte[] data = bytes(in, length(in.getInt(), Value.MAX_DATA_BYTES, "data"));
        String contentType = new String(
                bytes(in, length(in.getShort(), MAX_CONTENT_TYPE_BYTES, "content type")), StandardCharsets.UTF_8);
        long ttl = in.getLong();
        long created = in.getLong();
        byte[] signature = optional(in, PublicKey.SIGNATURE_LENGTH);
        byte[] recipient = optional(in, RecipientKey.LENGTH);
        int sourceLength = Byte.toUnsignedInt(in.get());
        if (sourceLength != 4 && sourceLength != 16) {
            throw new FormatException("a source address of " + sourceLength + " bytes");
        }
        byte[] source = bytes(in, sourceLength);
        long expires = in.getLong();
        try {
            Value value = Value.builder()
                    .id(identity.id())
                    .seq(seq)
                    .data(data)
                    .contentType(contentType)
                    .ttl(Duration.ofMillis(ttl))
                    .created(Instant.ofEpochMilli(created))
                    .owner(identity.owner())
                    .signature(signature)
                    .recipient(recipient)
                    .build();
            sink.saved(new SavedValue(key, value, InetAddress.getByAddress(source), expires));
        } catch (IllegalArgumentException | ArithmeticException | UnknownHostException e) {
            // the bytes were all there but do not make a value: this change alone is skipped
            sink.invalid();
        }
    }

    private static int length(int length, int max, String field) throws FormatException {
        if (length < 0 || length > max) {
            throw new FormatException(field + " of " + length + " bytes");
        }
        return length;
    }

    /** A field of exactly {@code length} bytes, or none (a zero length byte). */
    private static byte[] optional(ByteBuffer in, int length) throws FormatException {
        int n = Byte.toUnsignedInt(in.get());
        if (n == 0) {
            return null;
        }
        if (n != length) {
            throw new FormatException("a field of " + n + " bytes where " + length + " or none fit");
        }
        return bytes(in, n);
    }

    private static byte[] bytes(ByteBuffer in, int n) {
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    /** Where {@link #read} hands the changes it reads. */
    interface Sink {
        /** A value saved. */
        void saved(SavedValue value);

        /** A value removed. */
        void removed(InfoHash key, ValueIdentity identity);

        /** A change whose bytes were complete but make no valid value. */
        void invalid();
    }

    /** Where {@link #skim} hands each change it finds. */
    @FunctionalInterface
    interface Marks {
        /** A change of the value in {@code slot}, a save or a removal, at bytes {@code from} to {@code to}. */
        void change(Slot slot, boolean save, int from, int to);
    }

    /** A batch that is not in this format. */
    static final class FormatException extends Exception {
        FormatException(String message) {
            super(message);
        }
    }
}

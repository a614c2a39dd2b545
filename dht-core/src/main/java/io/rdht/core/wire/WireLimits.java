package io.rdht.core.wire;

/** The bounds every encoded and decoded message respects; see docs/PROTOCOL.md. */
public final class WireLimits {
    /** Protocol version carried in every datagram. */
    public static final int VERSION = 1;
    /** Largest datagram payload we send; larger messages are split into fragments. */
    public static final int DATAGRAM_PAYLOAD = 1280;
    /** Largest datagram we accept: anything longer is dropped before decoding. */
    public static final int MAX_DATAGRAM = 1472;
    /** Largest message after reassembly of its fragments. */
    public static final int MAX_MESSAGE_BYTES = 256 * 1024;
    /** Most fragments one message may be split into. */
    public static final int MAX_FRAGMENTS = MAX_MESSAGE_BYTES / (DATAGRAM_PAYLOAD - 64) + 1;
    /** Most node contacts in one reply. */
    public static final int MAX_CONTACTS = 16;
    /** Most values in one message. */
    public static final int MAX_VALUES = 256;
    /** Most value ids in one message (known ids of a get, stored ids of a reply). */
    public static final int MAX_IDS = 1024;
    /** Longest write token. */
    public static final int MAX_TOKEN_BYTES = 32;
    /** Longest free text (error messages, rejection reasons), in characters. */
    public static final int MAX_TEXT = 256;
    /** Longest content type, in characters. */
    public static final int MAX_CONTENT_TYPE = 128;
    /** Length of an Ed25519 public key (owner, recipient). */
    public static final int PUBLIC_KEY_BYTES = 32;
    /** Length of an Ed25519 signature. */
    public static final int SIGNATURE_BYTES = 64;
    /** Deepest CBOR nesting a valid message uses, with room to spare. */
    public static final int MAX_NESTING = 8;
    /** Longest delay a listener may ask a storer to hold its pushes for, in milliseconds. */
    public static final int MAX_PUSH_DELAY_MILLIS = 10_000;

    private WireLimits() {}

    static String checkText(String text, int max, String what) {
        if (text == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (text.length() > max) {
            throw new IllegalArgumentException(what + " longer than " + max + " characters");
        }
        return text;
    }

    static void checkCount(int count, int max, String what) {
        if (count > max) {
            throw new IllegalArgumentException(count + " " + what + " exceed the limit of " + max);
        }
    }
}

package io.rdht.core.wire;

/** Why a request or a value was refused; the number is what travels on the wire. */
public enum ErrorCode {
    /** The write token is missing, forged, or too old. */
    BAD_TOKEN(1),
    /** A value is larger than {@link io.rdht.core.Value#MAX_DATA_BYTES}. */
    VALUE_TOO_LARGE(2),
    /** The storer's limits (values per key, bytes in total or per source) are reached. */
    STORAGE_FULL(3),
    /** The value breaks a rule: TTL, edit policy, signature. */
    INVALID_VALUE(4),
    /** The requester sends too much; try later. */
    RATE_LIMITED(5),
    /** A code this node does not know (sent by a newer peer). */
    UNKNOWN(0);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    /** The number sent on the wire. */
    public int code() {
        return code;
    }

    /** The error code for a wire number; {@link #UNKNOWN} for numbers this node does not know. */
    public static ErrorCode fromCode(int code) {
        for (ErrorCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return UNKNOWN;
    }
}

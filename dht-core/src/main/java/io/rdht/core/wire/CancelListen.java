package io.rdht.core.wire;

import io.rdht.core.InfoHash;
import java.util.Objects;

/**
 * Ends a listen at once, instead of letting it expire; answered by {@link Ack}.
 *
 * @param key      the key listened to
 * @param listenId the listen's id
 */
public record CancelListen(InfoHash key, long listenId) implements Request {
    /** Checks the key. */
    public CancelListen {
        Objects.requireNonNull(key, "key");
    }
}

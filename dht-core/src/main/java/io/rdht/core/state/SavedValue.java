package io.rdht.core.state;

import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A value a node stored for others, as its {@link StateStore} keeps it: enough to serve it again
 * after a restart, until the same expiry, charged to the same source.
 *
 * @param key             the key it is stored under
 * @param value           the value, with its signature if it has one
 * @param source          the address that sent it, which the storage limits charge
 * @param expiresAtMillis when it expires, in epoch milliseconds on the node's clock
 */
public record SavedValue(InfoHash key, Value value, InetAddress source, long expiresAtMillis) {
    /** Checks every part is present. */
    public SavedValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
    }
}

package io.rdht.core;

import io.rdht.crypto.PublicKey;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Why a DHT operation failed. Delivered through {@code Mono.error}/{@code Flux.error}; each
 * member carries the key, value, peer or address it concerns.
 */
public abstract sealed class DhtException extends RuntimeException {

    private DhtException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The node was closed before or during the operation. */
    public static final class NodeClosed extends DhtException {
        /** Creates the exception. */
        public NodeClosed() {
            super("the node is closed", null);
        }
    }

    /** No node of the network answered, so the operation could not reach anyone. */
    public static final class NoReachableNodes extends DhtException {
        /** The key of the failed operation. */
        private final InfoHash key;

        /**
         * Creates the exception for an operation on {@code key}.
         *
         * @param key the key of the operation
         */
        public NoReachableNodes(InfoHash key) {
            super(
                    "no node of the network answered for key " + key
                            + " (is the node bootstrapped to a running network?)",
                    null);
            this.key = key;
        }

        /** {@return the key of the failed operation} */
        public InfoHash key() {
            return key;
        }
    }

    /** A value breaks a rule before it is sent: size, TTL, content type. */
    public static final class InvalidValue extends DhtException {
        /** The key the value was meant for. */
        private final InfoHash key;

        /**
         * Creates the exception for a value to put under {@code key}.
         *
         * @param key the key
         * @param reason the rule broken, in words
         */
        public InvalidValue(InfoHash key, String reason) {
            super("invalid value for key " + key + ": " + reason, null);
            this.key = key;
        }

        /** {@return the key the value was meant for} */
        public InfoHash key() {
            return key;
        }
    }

    /** Every storer that answered refused the value; their reasons are listed. */
    public static final class Rejected extends DhtException {
        /** The key the value was meant for. */
        private final InfoHash key;
        /** The storers' reasons, one per refusal. */
        private final List<String> reasons;

        /**
         * Creates the exception for a value refused under {@code key}.
         *
         * @param key the key
         * @param reasons the storers' reasons
         */
        public Rejected(InfoHash key, List<String> reasons) {
            super("every storer refused the value for key " + key + ": " + String.join("; ", reasons), null);
            this.key = key;
            this.reasons = List.copyOf(reasons);
        }

        /** {@return the key the value was meant for} */
        public InfoHash key() {
            return key;
        }

        /** {@return the storers' reasons, one per refusal} */
        public List<String> reasons() {
            return reasons;
        }
    }

    /**
     * A listen subscriber fell more than its buffer behind; its stream ends so that memory stays
     * bounded (other subscribers are not affected). Subscribe again to get the current values.
     */
    public static final class ListenOverflow extends DhtException {
        /** The key listened to. */
        private final InfoHash key;

        /**
         * Creates the exception for a subscriber of {@code key} with a buffer of {@code capacity} events.
         *
         * @param key the key
         * @param capacity the subscriber's buffer, in events
         */
        public ListenOverflow(InfoHash key, int capacity) {
            super(
                    "listen subscriber of key " + key + " fell more than " + capacity
                            + " events behind; its stream ended (subscribe again, or consume faster)",
                    null);
            this.key = key;
        }

        /** {@return the key listened to} */
        public InfoHash key() {
            return key;
        }
    }

    /** A signed put on a node configured without an identity to sign with. */
    public static final class NoIdentity extends DhtException {
        /** Creates the exception. */
        public NoIdentity() {
            super("this node has no identity to sign with; configure one with DhtConfig.Builder.identity", null);
        }
    }

    /**
     * A signed put of a value that carries another owner's key: this node can sign only as its own
     * identity. (Another owner's value under the same id on the network is another value and never
     * causes this.)
     */
    public static final class NotOwner extends DhtException {
        /** The key of the value. */
        private final InfoHash key;
        /** The id of the value. */
        private final long valueId;
        /** The value's owner. */
        private final PublicKey owner;

        /**
         * Creates the exception for value {@code valueId} under {@code key}, owned by {@code owner}.
         *
         * @param key the key
         * @param valueId the value's id
         * @param owner the owner's key the value carries
         */
        public NotOwner(InfoHash key, long valueId, PublicKey owner) {
            super(
                    "value id " + Long.toUnsignedString(valueId, 16) + " under key " + key + " belongs to owner "
                            + owner.shortId() + ", not to this node's identity; only its owner can sign it",
                    null);
            this.key = key;
            this.valueId = valueId;
            this.owner = owner;
        }

        /** {@return the key of the value} */
        public InfoHash key() {
            return key;
        }

        /** {@return the id of the value} */
        public long valueId() {
            return valueId;
        }

        /** {@return the value's owner} */
        public PublicKey owner() {
            return owner;
        }
    }

    /** The node could not start, e.g. because its UDP port is taken. */
    public static final class StartFailed extends DhtException {
        /** The address the node tried to bind. */
        private final InetSocketAddress address;

        /**
         * Creates the exception for a node meant to listen on {@code address}.
         *
         * @param address the address to bind
         * @param cause why it failed
         */
        public StartFailed(InetSocketAddress address, Throwable cause) {
            super("the node could not start on " + address + ": " + cause.getMessage(), cause);
            this.address = address;
        }

        /** {@return the address the node tried to bind} */
        public InetSocketAddress address() {
            return address;
        }
    }
}

package io.rdht.core;

import java.util.function.Consumer;

/**
 * Hooks through which a metrics library watches a node from outside: its start and stop, how
 * each put and get ends, and each listen event delivered. Set one with
 * {@link DhtConfig.Builder#observer}; the default, {@link #NONE}, does nothing.
 *
 * <p>Implementation note: dht-core has no metrics library of its own and reads no clock for
 * these; the observer times operations with its own clock, from the moment a hook says an
 * operation started to the moment it is told how it ended. Hooks run on the node's thread (or
 * the caller's, for a call on a closed node): they must be quick and must not block.
 */
public interface NodeObserver {

    /** An observer that does nothing. */
    NodeObserver NONE = new NodeObserver() {};

    /**
     * The node has bound its socket and made its first join attempt.
     *
     * @param node the node
     */
    default void onStarted(DhtNode node) {}

    /**
     * The node is closing; it observes nothing more.
     *
     * @param node the node
     */
    default void onClosed(DhtNode node) {}

    /** {@return A put (plain, signed or encrypted) starts; the result is told how it ended} */
    default Operation putStarted() {
        return Operation.IGNORED;
    }

    /** {@return A get starts; the result is told how it ended (when the lookup completes or fails)} */
    default Operation getStarted() {
        return Operation.IGNORED;
    }

    /**
     * A subscriber starts to follow {@code key}; the result sees each event it is given.
     *
     * @param key the key followed
     * @return what sees each event
     */
    default Consumer<ValueEvent> listenStarted(InfoHash key) {
        return event -> {};
    }

    /** One operation in flight; told once how it ended, or never if its caller cancelled it. */
    @FunctionalInterface
    interface Operation {

        /** An operation nobody watches. */
        Operation IGNORED = succeeded -> {};

        /**
         * The operation ended: with its result, or with an error.
         *
         * @param succeeded {@code true} if it ended with a result
         */
        void ended(boolean succeeded);
    }
}

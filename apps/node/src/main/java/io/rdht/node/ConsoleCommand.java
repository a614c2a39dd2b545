package io.rdht.node;

import io.rdht.core.InfoHash;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/** One line of the console, parsed by {@link CommandParser}: what to do and with what. */
public sealed interface ConsoleCommand {

    /**
     * {@code g KEY}: get the values under a key.
     *
     * @param key the key
     */
    record Get(InfoHash key) implements ConsoleCommand {
        /** Checks the key is present. */
        public Get {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * {@code p KEY VALUE}: put a text value with the default TTL.
     *
     * @param key    the key
     * @param text   the value's text
     * @param signed whether to sign it with the node's identity ({@code s})
     */
    record Put(InfoHash key, String text, boolean signed) implements ConsoleCommand {
        /** Checks both parts are present. */
        public Put {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * {@code l KEY}: follow a key, printing its events as they come.
     *
     * @param key the key
     */
    record Listen(InfoHash key) implements ConsoleCommand {
        /** Checks the key is present. */
        public Listen {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * {@code cl TOKEN}: cancel the listen that {@code l} numbered {@code token}.
     *
     * @param token the listen's number
     */
    record CancelListen(int token) implements ConsoleCommand {}

    /**
     * {@code cl KEY}: cancel every listen of ours on a key.
     *
     * @param key the key
     */
    record CancelListensOn(InfoHash key) implements ConsoleCommand {
        /** Checks the key is present. */
        public CancelListensOn {
            Objects.requireNonNull(key, "key");
        }
    }

    /** {@code ll}: the node's id, address, table and storage sizes, listens and counters. */
    record NodeInfo() implements ConsoleCommand {}

    /** {@code lr}: the routing table, bucket by bucket. */
    record RoutingTable() implements ConsoleCommand {}

    /** {@code ls}: this node's listens and the listens others hold here. */
    record Listens() implements ConsoleCommand {}

    /** {@code ld}: what this node stores, key by key. */
    record Storage() implements ConsoleCommand {}

    /**
     * {@code b HOST:PORT...}: join through more nodes now.
     *
     * @param nodes the nodes, unresolved
     */
    record Bootstrap(List<InetSocketAddress> nodes) implements ConsoleCommand {
        /** Copies the list and checks it is not empty. */
        public Bootstrap {
            nodes = List.copyOf(nodes);
            if (nodes.isEmpty()) {
                throw new IllegalArgumentException("bootstrap needs at least one node");
            }
        }
    }

    /** {@code h}: list the commands. */
    record Help() implements ConsoleCommand {}

    /** {@code x}: leave the network gracefully and close the node. */
    record Quit() implements ConsoleCommand {}
}

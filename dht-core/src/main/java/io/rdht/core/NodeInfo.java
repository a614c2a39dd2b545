package io.rdht.core;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A node of the network as others see it: its id and the UDP address it answers on.
 *
 * @param id      the node's id
 * @param address the node's UDP address, already resolved
 */
public record NodeInfo(InfoHash id, InetSocketAddress address) {
    /** Checks that both parts are present and the address is resolved. */
    public NodeInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("node address must be resolved: " + address);
        }
    }

    @Override
    public String toString() {
        return id.shortHex() + "@" + address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}

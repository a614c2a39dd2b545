package io.rdht.core;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket addresses a join sends to, from the bootstrap nodes as configured: a host name stands
 * for every address it resolves to, as in OpenDHT, so that a deployment can list several bootstrap
 * nodes under one name. A join through several nodes does not inherit the eclipse of one of them
 * (docs/SECURITY.md, "A join that Sybils answered").
 */
final class BootstrapAddresses {

    /** Every address of a host name; the system's resolver outside tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] allByName(String host) throws UnknownHostException;
    }

    private static final Logger log = LoggerFactory.getLogger(BootstrapAddresses.class);

    private BootstrapAddresses() {}

    /** {@link #resolve(List, Resolver)} with the system's resolver. */
    static List<InetSocketAddress> resolve(List<InetSocketAddress> nodes) {
        return resolve(nodes, InetAddress::getAllByName);
    }

    /**
     * Each address as it is if resolved, else every address its host name resolves to, in order and
     * without repeats; a name that does not resolve is skipped with a warning.
     */
    static List<InetSocketAddress> resolve(List<InetSocketAddress> nodes, Resolver resolver) {
        Set<InetSocketAddress> out = new LinkedHashSet<>();
        for (InetSocketAddress a : nodes) {
            if (!a.isUnresolved()) {
                out.add(a);
                continue;
            }
            try {
                for (InetAddress ip : resolver.allByName(a.getHostString())) {
                    out.add(new InetSocketAddress(ip, a.getPort()));
                }
            } catch (UnknownHostException e) {
                log.warn("bootstrap host {} does not resolve; skipped", a.getHostString());
            }
        }
        return List.copyOf(out);
    }
}

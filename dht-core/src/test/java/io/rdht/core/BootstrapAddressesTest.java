package io.rdht.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BootstrapAddressesTest {

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Knows one name, of three nodes, and nothing else. */
    private static InetAddress[] resolver(String host) throws UnknownHostException {
        if (host.equals("dht.city.example")) {
            return new InetAddress[] {ip("10.0.0.1"), ip("10.0.0.2"), ip("fd00::3")};
        }
        throw new UnknownHostException(host);
    }

    @Test
    void aHostNameStandsForEveryAddressItResolvesTo() {
        List<InetSocketAddress> join = BootstrapAddresses.resolve(
                List.of(InetSocketAddress.createUnresolved("dht.city.example", 4222)),
                BootstrapAddressesTest::resolver);

        assertThat(join)
                .containsExactly(
                        new InetSocketAddress(ip("10.0.0.1"), 4222),
                        new InetSocketAddress(ip("10.0.0.2"), 4222),
                        new InetSocketAddress(ip("fd00::3"), 4222));
    }

    @Test
    void resolvedAddressesStayAsTheyAreRepeatsGoAndANameThatDoesNotResolveIsSkipped() {
        InetSocketAddress resolved = new InetSocketAddress(ip("10.0.0.2"), 4222);

        List<InetSocketAddress> join = BootstrapAddresses.resolve(
                List.of(
                        resolved,
                        InetSocketAddress.createUnresolved("nowhere.invalid", 4222),
                        InetSocketAddress.createUnresolved("dht.city.example", 4222)),
                BootstrapAddressesTest::resolver);

        assertThat(join)
                .containsExactly(
                        resolved,
                        new InetSocketAddress(ip("10.0.0.1"), 4222),
                        new InetSocketAddress(ip("fd00::3"), 4222));
    }
}

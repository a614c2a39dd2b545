package io.rdht.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdBindingTest {

    private final SplittableRandom random = new SplittableRandom(42);

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** BEP 42's published IPv4 examples: address, the random byte, the id it gives. */
    @ParameterizedTest
    @CsvSource({
        "124.31.75.21, 5fbfbff10c5d6a4ec8a88e4c6ab4c28b95eee401",
        "21.75.31.124, 5a3ce9c14e7a08645677bbd1cfe7d8f956d53256",
        "65.23.51.170, a5d43220bc8f112a3d426c84764f8c2a1150e616",
        "84.124.73.14, 1b0321dd1bb1fe518101ceef99462b947a01ff41",
        "43.213.53.83, e56f6cbf5b7c4be0237986d5243b87aa6d51305a"
    })
    void bep42TestVectorsFitTheirAddresses(String address, String idHex) {
        InfoHash id = InfoHash.fromHex(idHex);
        assertThat(IdBinding.fits(id, ip(address)))
                .as("BEP 42's id %s fits %s", idHex, address)
                .isTrue();
        int prefix = IdBinding.prefix(ip(address), id.byteAt(19) & 7);
        assertThat(prefix >>> 11)
                .as("the first 21 bits are the address's CRC-32C")
                .isEqualTo(idPrefix21(id));
    }

    @Test
    void bep42TestVectorsDoNotFitEachOthersAddresses() {
        InfoHash first = InfoHash.fromHex("5fbfbff10c5d6a4ec8a88e4c6ab4c28b95eee401");
        assertThat(IdBinding.fits(first, ip("21.75.31.124"))).isFalse();
        assertThat(IdBinding.fits(first, ip("124.31.75.22")))
                .as("the last byte of IPv4 counts")
                .isFalse();
    }

    @Test
    void changingTheRandomNumberInTheLastByteBreaksTheFit() {
        byte[] id = InfoHash.fromHex("5fbfbff10c5d6a4ec8a88e4c6ab4c28b95eee401").toBytes();
        id[19] = 0x02;
        assertThat(IdBinding.fits(InfoHash.fromBytes(id), ip("124.31.75.21"))).isFalse();
    }

    @Test
    void derivedIdsFitTheirAddressInBothFamilies() {
        for (String a : new String[] {"124.31.75.21", "8.8.8.8", "2001:db8:85a3::8a2e:370:7334", "2a00:1450::1"}) {
            for (int i = 0; i < 50; i++) {
                InfoHash id = IdBinding.derive(ip(a), random);
                assertThat(IdBinding.fits(id, ip(a)))
                        .as("derived id %s fits %s", id, a)
                        .isTrue();
            }
        }
    }

    @Test
    void ipv6IdsDependOnTheFirst64BitsOnly() {
        InfoHash id = IdBinding.derive(ip("2001:db8:1:2::1"), random);
        assertThat(IdBinding.fits(id, ip("2001:db8:1:2:ffff::9")))
                .as("same /64")
                .isTrue();
        int misses = 0;
        for (int i = 0; i < 20; i++) {
            InfoHash other = IdBinding.derive(ip("2001:db8:1:" + (3 + i) + "::1"), random);
            misses += IdBinding.fits(other, ip("2001:db8:1:2::1")) ? 0 : 1;
        }
        assertThat(misses).as("ids of other /64s rarely fit").isGreaterThanOrEqualTo(18);
    }

    @Test
    void aRandomIdAlmostNeverFits() {
        int fits = 0;
        for (int i = 0; i < 10_000; i++) {
            fits += IdBinding.fits(InfoHash.random(random), ip("124.31.75.21")) ? 1 : 0;
        }
        assertThat(fits).as("a 21-bit prefix: about 1 in 2^21 random ids fits").isLessThanOrEqualTo(1);
    }

    @Test
    void localAddressesAreExemptUnlessIncluded() {
        NodeInfo unfitLocal = new NodeInfo(InfoHash.random(random), new InetSocketAddress("127.0.0.2", 4000));
        NodeInfo unfitPrivate = new NodeInfo(InfoHash.random(random), new InetSocketAddress("10.1.2.3", 4000));
        NodeInfo unfitPublic = new NodeInfo(InfoHash.random(random), new InetSocketAddress("124.31.75.21", 4000));
        IdBinding publicOnly = new IdBinding(true, false);
        assertThat(publicOnly.admits(unfitLocal)).isTrue();
        assertThat(publicOnly.admits(unfitPrivate)).isTrue();
        assertThat(publicOnly.admits(unfitPublic)).isFalse();
        IdBinding everywhere = new IdBinding(true, true);
        assertThat(everywhere.admits(unfitLocal)).isFalse();
        assertThat(everywhere.admits(unfitPrivate)).isFalse();
        assertThat(everywhere.admits(new NodeInfo(IdBinding.derive(ip("127.0.0.2"), random), unfitLocal.address())))
                .isTrue();
    }

    @Test
    void byDefaultTheRuleIsOffAndAdmitsEveryone() {
        NodeInfo unfit = new NodeInfo(InfoHash.random(random), new InetSocketAddress("124.31.75.21", 4000));
        assertThat(IdBinding.defaults().admits(unfit)).isTrue();
    }

    private static int idPrefix21(InfoHash id) {
        return (id.byteAt(0) << 13) | (id.byteAt(1) << 5) | (id.byteAt(2) >>> 3);
    }
}

package io.rdht.sim;

import io.rdht.core.NodeInfo;
import io.rdht.core.routing.IdBinding;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Where attackers' ids and addresses lie, as a real attacker would have them.
 *
 * <p>Eclipse: ids that share their first {@value #ECLIPSE_PREFIX_BITS} bits with the target key
 * (closer to it than any honest node of a network below 2^60 nodes), from the addresses of one
 * /24, as one operator renting a block has: 203.0.113.1 and up (a documentation block, public
 * for every address rule). Sybil: random ids that fit their address under id binding (BEP 42
 * costs a Sybil with an address nothing: it derives a random id from it), from random public IPv4
 * addresses (none private,
 * loopback, shared, link-local, benchmarking or multicast), so spread over many /24s. Eclipse
 * under id binding ({@code eclipse-grind}): the same /24, with the fitting ids closest to the key
 * ({@link GroundIds}), up to 8 nodes per address.
 */
final class AttackerLayout {

    static final int ECLIPSE_PREFIX_BITS = 64;
    /** Hosts of the eclipse's /24: .1 to .254. */
    static final int ECLIPSE_HOSTS = 254;

    private static final byte[] ECLIPSE_BLOCK = {(byte) 203, 0, 113};
    /** Nodes one /24 can run under id binding: 8 per address. */
    static final int GRIND_MAX = 8 * ECLIPSE_HOSTS;

    private static final int MAX_DRAWS = 1_000;

    private final Attack.Kind kind;
    private final SplittableRandom random;
    private final Set<InetAddress> used = new HashSet<>();
    private int next;
    private List<NodeInfo> ground;

    AttackerLayout(Attack.Kind kind, SplittableRandom random) {
        this.kind = kind;
        this.random = random;
    }

    /** The next attacker: its id and address, never an address given before. */
    NodeInfo next() {
        return switch (kind) {
            case ECLIPSE -> new NodeInfo(Attack.TARGET.randomWithPrefix(ECLIPSE_PREFIX_BITS, random), nextAddress());
            case SYBIL -> {
                InetSocketAddress address = nextAddress();
                yield new NodeInfo(IdBinding.derive(address.getAddress(), random), address);
            }
            case ECLIPSE_GRIND -> {
                if (ground == null) {
                    ground = GroundIds.closest(
                            Attack.TARGET, ECLIPSE_BLOCK, ECLIPSE_HOSTS, SimulatedInternet.PORT, GRIND_MAX, random);
                }
                if (next == ground.size()) {
                    throw new IllegalArgumentException(
                            "an eclipse of one /24 under id binding has at most " + ground.size() + " attackers");
                }
                yield ground.get(next++);
            }
        };
    }

    private InetSocketAddress nextAddress() {
        try {
            InetAddress ip = kind == Attack.Kind.ECLIPSE ? nextInBlock() : nextPublic();
            used.add(ip);
            return new InetSocketAddress(ip, SimulatedInternet.PORT);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes always make an address", e);
        }
    }

    private InetAddress nextInBlock() throws UnknownHostException {
        if (next == ECLIPSE_HOSTS) {
            throw new IllegalArgumentException("an eclipse from one /24 has at most " + ECLIPSE_HOSTS + " attackers");
        }
        next++;
        return InetAddress.getByAddress(new byte[] {ECLIPSE_BLOCK[0], ECLIPSE_BLOCK[1], ECLIPSE_BLOCK[2], (byte) next});
    }

    private InetAddress nextPublic() throws UnknownHostException {
        for (int i = 0; i < MAX_DRAWS; i++) {
            int ip = random.nextInt();
            InetAddress a = InetAddress.getByAddress(
                    new byte[] {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip});
            if (isPublic(ip) && !used.contains(a)) {
                return a;
            }
        }
        throw new IllegalStateException("no free public address in " + MAX_DRAWS + " draws");
    }

    /** Whether a unicast IPv4 address is routed on the Internet (RFC 6890's special blocks excluded). */
    static boolean isPublic(int ip) {
        int a = ip >>> 24;
        int b = (ip >>> 16) & 0xff;
        int host = ip & 0xff;
        return a >= 1
                && a <= 223
                && a != 10
                && a != 127
                && !(a == 100 && b >= 64 && b < 128)
                && !(a == 169 && b == 254)
                && !(a == 172 && b >= 16 && b < 32)
                && !(a == 192 && b == 168)
                && !(a == 198 && (b == 18 || b == 19))
                && host != 0
                && host != 255;
    }
}

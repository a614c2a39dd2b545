package io.rdht.sim;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.transport.Endpoint;
import io.rdht.core.transport.Transport;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import reactor.core.publisher.Mono;

/**
 * The transport of one attacker node: the simulated Internet (as an adversary's host, so that its
 * traffic is counted apart), with a {@link HostileResponder} between the network and the node. Once
 * bound, the node is known to the {@link Coalition}.
 */
final class HostileTransport implements Transport {

    private final Transport internet;
    private final InfoHash self;
    private final int networkId;
    private final int k;
    private final Coalition coalition;
    private final SplittableRandom random;
    private HostileResponder responder;

    HostileTransport(
            SimulatedInternet internet,
            InfoHash self,
            int networkId,
            int k,
            Coalition coalition,
            SplittableRandom random) {
        this.internet = internet.adversaries();
        this.self = self;
        this.networkId = networkId;
        this.k = k;
        this.coalition = coalition;
        this.random = random;
    }

    @Override
    public Mono<Endpoint> bind(InetSocketAddress address, DatagramReceiver node) {
        HostileResponder r = new HostileResponder(node, self, networkId, k, coalition, random.split());
        return internet.bind(address, r).doOnNext(endpoint -> {
            r.bound(endpoint);
            responder = r;
            coalition.join(new NodeInfo(self, endpoint.localAddress()));
        });
    }

    /** The responder of the bound endpoint; null before it is bound. */
    HostileResponder responder() {
        return responder;
    }
}

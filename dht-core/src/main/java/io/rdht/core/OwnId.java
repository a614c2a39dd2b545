package io.rdht.core;

import io.rdht.core.routing.IdBinding;
import java.net.InetAddress;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's own id under the {@link IdBinding} rule: once the node knows the address it is bound
 * to, an id that does not fit that address is replaced by one derived from it, unless the user
 * chose the id, which is then refused.
 *
 * <p>Implementation note: a node bound to a wildcard address ({@code ::}, {@code 0.0.0.0}) does not
 * know the address peers see it from (BEP 42 learns it from an address echoed in replies; rdht's
 * replies carry none), so it keeps its id and says so: bind a specific address to be bound.
 */
final class OwnId {

    private static final Logger log = LoggerFactory.getLogger(OwnId.class);

    /** Where the id a node starts with came from. */
    enum Source {
        /** {@link DhtConfig#nodeId()}: the user's choice. */
        CONFIGURED,
        /** The state store: the id of the node's last run. */
        SAVED,
        /** Drawn at random. */
        RANDOM
    }

    private OwnId() {}

    /**
     * The id to run with at {@code bound}: {@code id} when the rule does not apply there or it fits,
     * else a new id derived from {@code bound}.
     *
     * @throws IllegalArgumentException when the user chose {@code id} and it does not fit
     */
    static InfoHash fitting(InfoHash id, Source source, InetAddress bound, IdBinding rule, RandomGenerator random) {
        if (rule.enforce() && bound.isAnyLocalAddress()) {
            log.warn(
                    "id binding is on but the node is bound to the wildcard {}: its id {} is not derived from an"
                            + " address, and peers that see it from an address the id does not fit will not use it;"
                            + " bind a specific address",
                    bound.getHostAddress(),
                    id.shortHex());
            return id;
        }
        if (!rule.appliesTo(bound) || IdBinding.fits(id, bound)) {
            return id;
        }
        if (source == Source.CONFIGURED) {
            throw unfit(id, bound);
        }
        InfoHash derived = IdBinding.derive(bound, random);
        if (source == Source.SAVED) {
            log.info(
                    "the saved node id {} does not fit {} under id binding; using {} derived from the address",
                    id.shortHex(),
                    bound.getHostAddress(),
                    derived.shortHex());
        }
        return derived;
    }

    /** The refusal of a chosen id that does not fit {@code ip}. */
    static IllegalArgumentException unfit(InfoHash id, InetAddress ip) {
        return new IllegalArgumentException("nodeId " + id.toHex() + " does not fit the address " + ip.getHostAddress()
                + " under id binding (BEP 42): leave the node id unset to derive one from the address,"
                + " or turn id binding off");
    }
}

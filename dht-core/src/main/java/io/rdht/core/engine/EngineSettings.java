package io.rdht.core.engine;

import io.rdht.core.lookup.LookupSettings;
import io.rdht.core.routing.IdBinding;
import io.rdht.core.routing.PrefixDiversity;
import io.rdht.core.routing.RoutingSettings;
import io.rdht.core.storage.StorageLimits;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Every parameter of a node's engine; see docs/TUNING.md for the reasons behind the defaults.
 *
 * @param networkId             nodes drop messages of other networks
 * @param routing               routing table parameters (K, failures, refresh, timeouts)
 * @param lookup                lookup parameters (K, ALPHA, candidates kept)
 * @param storage               what this node stores for others
 * @param maxAttempts           sends of one request before it counts as failed
 * @param tokenRotationMillis   how often write-token secrets rotate
 * @param maintenanceMillis     period of routing maintenance: bucket refresh, stale contact pings
 * @param republishMillis       period at which a storer re-publishes its values to the closest nodes
 * @param bootstrapRetryMinMillis first wait before asking the bootstrap nodes again while alone
 * @param bootstrapRetryMaxMillis longest wait between bootstrap attempts
 * @param listen                how this node listens and serves listens
 * @param readOnly              the node uses the network without serving it (BEP 43): its messages
 *                              say so, others never add it to their routing tables, and it stores
 *                              nothing for others; for short-lived clients such as one-shot commands
 * @param rateLimits            requests served per second per source and in all
 */
public record EngineSettings(
        int networkId,
        RoutingSettings routing,
        LookupSettings lookup,
        StorageLimits storage,
        int maxAttempts,
        long tokenRotationMillis,
        long maintenanceMillis,
        long republishMillis,
        long bootstrapRetryMinMillis,
        long bootstrapRetryMaxMillis,
        ListenSettings listen,
        boolean readOnly,
        RateLimits rateLimits) {

    /** Checks every setting. */
    public EngineSettings {
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(lookup, "lookup");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(rateLimits, "rateLimits");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be ≥ 1, got " + maxAttempts);
        }
        if (tokenRotationMillis < 1 || maintenanceMillis < 1 || republishMillis < 1) {
            throw new IllegalArgumentException("token rotation, maintenance and republish periods must be positive");
        }
        if (bootstrapRetryMinMillis < 1 || bootstrapRetryMaxMillis < bootstrapRetryMinMillis) {
            throw new IllegalArgumentException("need 1 ≤ bootstrapRetryMin ≤ bootstrapRetryMax, got "
                    + bootstrapRetryMinMillis + ", " + bootstrapRetryMaxMillis);
        }
    }

    /**
     * OpenDHT's starting parameters, with adaptive timeouts, and lookups that doubt a sparse result
     * ({@link LookupSettings#spreadLimit} 4, issue 13).
     */
    public static EngineSettings defaults() {
        return new EngineSettings(
                0,
                new RoutingSettings(8, 2, 15 * 60_000, 20 * 60_000, 100, 4, 2_000),
                new LookupSettings(8, 4, 14).withSpreadLimit(4),
                StorageLimits.defaults(),
                3,
                5 * 60_000,
                60_000,
                5 * 60_000,
                1_000,
                60_000,
                ListenSettings.defaults(),
                false,
                RateLimits.defaults());
    }

    /** A copy on network {@code id}: nodes of other networks are ignored. */
    public EngineSettings withNetworkId(int id) {
        return copy(c -> c.networkId = id);
    }

    /** A copy with other storage limits. */
    public EngineSettings withStorage(StorageLimits limits) {
        return copy(c -> c.storage = limits);
    }

    /** A copy with other listen settings. */
    public EngineSettings withListen(ListenSettings settings) {
        return copy(c -> c.listen = settings);
    }

    /** A copy that uses the network without serving it, or serves it again. */
    public EngineSettings withReadOnly(boolean clientOnly) {
        return copy(c -> c.readOnly = clientOnly);
    }

    /** A copy with other request-rate limits. */
    public EngineSettings withRateLimits(RateLimits limits) {
        return copy(c -> c.rateLimits = limits);
    }

    /**
     * A copy whose lookups of keys (get, put, listen, announce, find, republish) run over {@code d}
     * disjoint paths (S/Kademlia); 1, the default, is plain Kademlia. Routing upkeep (self-lookup,
     * bucket refresh) keeps one path. See {@link io.rdht.core.lookup.DisjointLookup}.
     *
     * @throws IllegalArgumentException unless 1 ≤ d ≤ {@link LookupSettings#MAX_PATHS}
     */
    public EngineSettings withDisjointPaths(int d) {
        return withLookup(lookup.withPaths(d));
    }

    /**
     * A copy whose lookups take K closest nodes lying more than {@code limit} times as far from the
     * target as this node's own K closest contacts lie from it for a Sybil clique's and ask further
     * ({@link LookupSettings#spreadLimit}); 0 turns the check off.
     *
     * @throws IllegalArgumentException unless {@code limit} is 0 or a finite number ≥ 1
     */
    public EngineSettings withSpreadLimit(double limit) {
        return withLookup(lookup.withSpreadLimit(limit));
    }

    /**
     * A copy in which node ids must fit the address they are seen from (BEP 42), or need not:
     * {@code enforce} keeps nodes whose id does not fit out of routing tables and storing sets and
     * makes a node derive its own id from its address; {@code includeLocal} applies the rule to
     * loopback and private addresses too (test and simulated networks). Off by default.
     */
    public EngineSettings withIdBinding(boolean enforce, boolean includeLocal) {
        return withRouting(routing.withIdBinding(new IdBinding(enforce, includeLocal)));
    }

    /**
     * A copy in which at most {@code maxPerPrefix} of the K nodes a value is stored on, a get
     * waits for and a listen registers with lie in one IPv4 /24 or IPv6 /48 of public addresses;
     * 0 turns the rule off. 2 by default.
     */
    public EngineSettings withPrefixDiversity(int maxPerPrefix) {
        return withPrefixDiversity(maxPerPrefix, lookup.diversity().includeLocal());
    }

    /** As {@link #withPrefixDiversity(int)}, with {@code includeLocal}: the rule applies to local and private addresses too. */
    public EngineSettings withPrefixDiversity(int maxPerPrefix, boolean includeLocal) {
        return withLookup(lookup.withDiversity(new PrefixDiversity(maxPerPrefix, includeLocal)));
    }

    /** A copy with other routing settings. */
    public EngineSettings withRouting(RoutingSettings settings) {
        return copy(c -> c.routing = settings);
    }

    /**
     * A copy whose listens widen their set of storers when those stay silent while nodes beyond
     * them hold newer values, or that never do; see {@link SilentKeyWidening}.
     */
    public EngineSettings withSilentKeyWidening(boolean on) {
        return withListen(listen.withWidening(listen.widening().enabled(on)));
    }

    /** A copy with other lookup settings. */
    public EngineSettings withLookup(LookupSettings settings) {
        return copy(c -> c.lookup = settings);
    }

    private EngineSettings copy(Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return c.settings();
    }

    /** The settings' fields, to change some of them in a copy. */
    private static final class Copy {
        int networkId;
        RoutingSettings routing;
        LookupSettings lookup;
        StorageLimits storage;
        final int maxAttempts;
        final long tokenRotationMillis;
        final long maintenanceMillis;
        final long republishMillis;
        final long bootstrapRetryMinMillis;
        final long bootstrapRetryMaxMillis;
        ListenSettings listen;
        boolean readOnly;
        RateLimits rateLimits;

        Copy(EngineSettings s) {
            networkId = s.networkId;
            routing = s.routing;
            lookup = s.lookup;
            storage = s.storage;
            maxAttempts = s.maxAttempts;
            tokenRotationMillis = s.tokenRotationMillis;
            maintenanceMillis = s.maintenanceMillis;
            republishMillis = s.republishMillis;
            bootstrapRetryMinMillis = s.bootstrapRetryMinMillis;
            bootstrapRetryMaxMillis = s.bootstrapRetryMaxMillis;
            listen = s.listen;
            readOnly = s.readOnly;
            rateLimits = s.rateLimits;
        }

        EngineSettings settings() {
            return new EngineSettings(
                    networkId,
                    routing,
                    lookup,
                    storage,
                    maxAttempts,
                    tokenRotationMillis,
                    maintenanceMillis,
                    republishMillis,
                    bootstrapRetryMinMillis,
                    bootstrapRetryMaxMillis,
                    listen,
                    readOnly,
                    rateLimits);
        }
    }
}

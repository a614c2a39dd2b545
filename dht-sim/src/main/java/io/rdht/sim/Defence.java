package io.rdht.sim;

import io.rdht.core.engine.EngineSettings;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One of issue 13's defences against eclipse and Sybil attacks, as the simulator turns it on in
 * every honest node's settings.
 */
enum Defence {
    /** Node ids bound to the address they are seen from (BEP 42), private addresses included. */
    ID_BINDING("id-binding", "node ids bound to their address (BEP 42), 10/8 included") {
        @Override
        EngineSettings switched(EngineSettings settings, boolean on) {
            return settings.withIdBinding(on, on);
        }
    },
    /** At most a few nodes per /24 among the K that store and serve listens. */
    PREFIX_DIVERSITY(
            "prefix-diversity",
            "at most " + Defence.MAX_PER_PREFIX
                    + " of the K closest (storers, listen storers) per /24, 10/8 included") {
        @Override
        EngineSettings switched(EngineSettings settings, boolean on) {
            return settings.withPrefixDiversity(on ? MAX_PER_PREFIX : 0, on);
        }
    },
    /** Lookups over disjoint paths (S/Kademlia). */
    DISJOINT_PATHS("disjoint-paths", "lookups of keys over " + Defence.PATHS + " disjoint paths (S/Kademlia)") {
        @Override
        EngineSettings switched(EngineSettings settings, boolean on) {
            return settings.withDisjointPaths(on ? PATHS : 1);
        }
    },
    /** Lookups that take a sparse result for a Sybil clique's and ask further. */
    SPREAD_CHECK(
            "spread-check",
            "lookups whose K closest nodes lie more than " + Defence.SPREAD_LIMIT
                    + " times as thinly around the target as K nodes lie in the network seen from the node (its"
                    + " K closest contacts, full buckets and last lookups) take them for a Sybil clique's and ask"
                    + " on, up to twice the lookup's capacity of requests more") {
        @Override
        EngineSettings switched(EngineSettings settings, boolean on) {
            return settings.withSpreadLimit(on ? SPREAD_LIMIT : 0);
        }
    },
    /** Listeners that notice a silent key and widen their set of storers. */
    SILENT_KEY(
            "silent-key",
            "listens that hear nothing from their storers for 3 refreshes look the key up with gets and register "
                    + "with up to 4 more nodes that hold newer values (the engine's defaults)") {
        @Override
        EngineSettings switched(EngineSettings settings, boolean on) {
            return settings.withSilentKeyWidening(on);
        }
    };

    /** The prefix-diversity defence's bound: nodes of one /24 among the K. */
    static final int MAX_PER_PREFIX = 2;

    /** The disjoint-paths defence's number of paths (each costs about one plain lookup more). */
    static final int PATHS = 2;

    /** The spread-check defence's limit ({@link io.rdht.core.lookup.LookupSettings#spreadLimit}). */
    static final int SPREAD_LIMIT = 4;

    final String name;
    final String description;

    Defence(String name, String description) {
        this.name = name;
        this.description = description;
    }

    /** Whether this build of rdht has the defence. */
    boolean available() {
        try {
            switched(EngineSettings.defaults(), true);
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * {@code settings} with this defence on or off, whatever the node's default: a run without it
     * is today's rdht. A defence this build lacks is off already.
     */
    EngineSettings set(EngineSettings settings, boolean on) {
        if (!available()) {
            if (on) {
                throw new IllegalStateException(name + " is not in this build");
            }
            return settings;
        }
        return switched(settings, on);
    }

    /**
     * {@code settings} with the defence on or off.
     *
     * @throws UnsupportedOperationException when this build lacks the defence
     */
    EngineSettings switched(EngineSettings settings, boolean on) {
        throw new UnsupportedOperationException(name + " is not in this build");
    }

    /** The defence named {@code name} on the command line. */
    static Defence parse(String name) {
        for (Defence d : values()) {
            if (d.name.equals(name)) {
                if (!d.available()) {
                    throw new IllegalArgumentException("--defences: " + name
                            + " is not in this build of rdht yet (issue 13); available: "
                            + availableNames());
                }
                return d;
            }
        }
        throw new IllegalArgumentException("--defences: unknown defence '" + name + "'; known: "
                + Arrays.stream(values()).map(d -> d.name).collect(Collectors.joining(", ")) + ", none, all");
    }

    private static String availableNames() {
        String names = Arrays.stream(values())
                .filter(Defence::available)
                .map(d -> d.name)
                .collect(Collectors.joining(", "));
        return names.isEmpty() ? "none" : names + ", none, all";
    }
}

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
    ID_BINDING("id-binding", "node ids bound to their address (BEP 42), 10/8 included"),
    /** At most a few nodes per /24 among the K that store and serve listens. */
    PREFIX_DIVERSITY("prefix-diversity", "storers spread over distinct /24s"),
    /** Lookups over disjoint paths (S/Kademlia). */
    DISJOINT_PATHS("disjoint-paths", "lookups over disjoint paths (S/Kademlia)"),
    /** Listeners that notice a silent key and widen their set of storers. */
    SILENT_KEY("silent-key", "listeners widen their storers when the key falls silent");

    final String name;
    final String description;

    Defence(String name, String description) {
        this.name = name;
        this.description = description;
    }

    /** Whether this build of rdht has the defence. */
    boolean available() {
        return false;
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
        throw new IllegalStateException(name + " is available but not wired");
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

package io.rdht.sim;

import io.rdht.core.engine.EngineSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The defences one run has on: none, some, or all of them; a report has one row per set, so that
 * each defence is seen with and without.
 *
 * @param on the defences on
 */
record Defences(Set<Defence> on) {

    /** No defence: today's rdht. */
    static final Defences NONE = new Defences(EnumSet.noneOf(Defence.class));

    /** Copies the set. */
    Defences {
        on = on.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(on));
    }

    /**
     * The sets {@code specs} name, each {@code none}, {@code all} (every defence of this build), one
     * defence, or defences joined by {@code +} (e.g. {@code id-binding+prefix-diversity}).
     */
    static List<Defences> parse(List<String> specs) {
        List<Defences> out = new ArrayList<>();
        for (String spec : specs) {
            out.add(
                    switch (spec) {
                        case "none" -> NONE;
                        case "all" -> all();
                        default -> {
                            EnumSet<Defence> set = EnumSet.noneOf(Defence.class);
                            for (String name : spec.split("\\+")) {
                                set.add(Defence.parse(name.trim()));
                            }
                            yield new Defences(set);
                        }
                    });
        }
        return out;
    }

    /** Every defence of this build. */
    static Defences all() {
        EnumSet<Defence> set = EnumSet.noneOf(Defence.class);
        Arrays.stream(Defence.values()).filter(Defence::available).forEach(set::add);
        if (set.isEmpty()) {
            throw new IllegalArgumentException("--defences: all: no defence is in this build of rdht yet (issue 13)");
        }
        return new Defences(set);
    }

    /** {@code settings} with these defences on and every other one off. */
    EngineSettings apply(EngineSettings settings) {
        EngineSettings s = settings;
        for (Defence d : Defence.values()) {
            s = d.set(s, on.contains(d));
        }
        return s;
    }

    /** Whether {@code d} is on. */
    boolean has(Defence d) {
        return on.contains(d);
    }

    /** "none", one name, or names joined by " + ". */
    String label() {
        return on.isEmpty() ? "none" : ordered().stream().map(d -> d.name).collect(Collectors.joining(" + "));
    }

    private List<Defence> ordered() {
        return on.stream().sorted().toList();
    }
}

package io.rdht.sim;

import io.rdht.core.InfoHash;
import java.math.BigDecimal;

/**
 * Attacker nodes in a simulated network (issue 13). Every attacker drops what is put to it while
 * saying it stored it, answers gets and listens with nothing (accepting listens it never serves)
 * and answers lookups with other attackers only ({@link HostileResponder}); they differ in where
 * their ids and addresses lie ({@link AttackerLayout}).
 *
 * @param kind      where the attackers place themselves
 * @param count     how many, when {@code share} is 0
 * @param share     how many as a share of the network (honest nodes and attackers together), in
 *                  (0, 1); 0 to use {@code count}
 */
record Attack(Kind kind, int count, double share) {

    /** The key the eclipse hides: the city's readings. */
    static final InfoHash TARGET = InfoHash.of("pollution_level");

    /** Where the attackers place themselves. */
    enum Kind {
        /**
         * Ids chosen next to {@link #TARGET}, closer to it than any honest node, from the addresses of
         * one /24: they become the K closest nodes of the key.
         */
        ECLIPSE("eclipse"),
        /**
         * An eclipse under id binding (BEP 42): from one /24, up to 8 nodes per address whose ids fit
         * it and lie as close to {@link #TARGET} as its 8 prefixes allow ({@link GroundIds}).
         */
        ECLIPSE_GRIND("eclipse-grind"),
        /** Random ids, from addresses spread over many networks: Sybils everywhere. */
        SYBIL("sybil");

        final String name;

        Kind(String name) {
            this.name = name;
        }

        /** Whether the attack is on {@link #TARGET}. */
        boolean isEclipse() {
            return this != SYBIL;
        }

        /** The kind named {@code name} on the command line. */
        static Kind parse(String name) {
            for (Kind k : values()) {
                if (k.name.equals(name)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("--attack takes eclipse, eclipse-grind or sybil, got '" + name + "'");
        }
    }

    /** Checks the figures. */
    Attack {
        if (share == 0 ? count < 1 : !(share > 0 && share < 1)) {
            throw new IllegalArgumentException(
                    "attackers must be a count ≥ 1 or a share in (0%, 100%), got " + (share == 0 ? count : share));
        }
    }

    /**
     * The attack of {@code kind} with the attackers {@code spec} gives: a count ({@code 20}) or a
     * share of the network ({@code 10%}).
     */
    static Attack parse(Kind kind, String spec) {
        try {
            if (spec.endsWith("%")) {
                return new Attack(kind, 0, Double.parseDouble(spec.substring(0, spec.length() - 1)) / 100);
            }
            return new Attack(kind, Integer.parseInt(spec), 0);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--attackers takes counts or shares such as 20 or 10%, got '" + spec + "'");
        }
    }

    /** The attackers among {@code networkSize} nodes. */
    int attackers(int networkSize) {
        return share == 0 ? count : (int) Math.round(share * networkSize);
    }

    /** E.g. "eclipse, 20 attackers" or "sybil, 10%". */
    String label() {
        return share == 0
                ? kind.name + ", " + count + " attackers"
                : kind.name + ", "
                        + BigDecimal.valueOf(100 * share).stripTrailingZeros().toPlainString() + "%";
    }
}

package io.rdht.sim;

/**
 * One run of an adversary report: a network size under one attack (or none) with one set of
 * defences.
 *
 * @param attack    the attack's label, or "none"
 * @param kind      the attack's kind; null without attackers
 * @param attackers attacker nodes
 * @param defences  the defences on
 * @param result    what the honest nodes measured ({@link SizeResult#nodes} counts them alone)
 * @param stats     what the attackers did
 */
record AttackRun(
        String attack, Attack.Kind kind, int attackers, Defences defences, SizeResult result, AttackStats stats) {

    /** Whether {@code other} is the same network and attack, whatever its defences. */
    boolean sameAttackAs(AttackRun other) {
        return attack.equals(other.attack) && result.nodes() == other.result.nodes() && attackers == other.attackers;
    }
}

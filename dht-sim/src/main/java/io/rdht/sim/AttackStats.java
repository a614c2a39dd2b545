package io.rdht.sim;

/**
 * What the attackers of one run did.
 *
 * @param running       attackers that were running at the end
 * @param answered      requests they answered themselves (find_node, get, put, listen)
 * @param valuesDropped values put to them, acknowledged and dropped
 */
record AttackStats(int running, long answered, long valuesDropped) {}

package io.rdht.core.storage;

/** Why a storer refused a value; the engine answers the putting node with the matching error. */
public enum Refusal {
    /** The value breaks a rule: no id, no positive TTL, a bad signature or edit. */
    INVALID_VALUE,
    /** The value's data is over the size limit. */
    VALUE_TOO_LARGE,
    /** A quota is used up: the node's, the key's or the requester's share. */
    STORAGE_FULL
}

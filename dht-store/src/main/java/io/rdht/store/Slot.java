package io.rdht.store;

import io.rdht.core.InfoHash;
import io.rdht.core.ValueIdentity;

/** Where a saved value is kept: its key and identity (id and owner); a later change to the same slot replaces it. */
record Slot(InfoHash key, ValueIdentity identity) {}

package io.rdht.core.engine;

import io.rdht.core.DhtException;

/** An operation a caller waits for; the engine fails those still running when it closes. */
interface UserOperation {
    /** Ends the operation with {@code error} unless it has ended already. */
    void fail(DhtException error);
}

package io.rdht.core.engine;

import io.rdht.core.DhtException;
import io.rdht.core.PutResult;

/** How a put ended; exactly one call, on the node thread. */
public interface PutCallback {
    /** At least one node stored the value. */
    void onStored(PutResult result);

    /** Nobody stored the value. */
    void onError(DhtException error);
}

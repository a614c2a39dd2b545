package io.rdht.core.engine;

import io.rdht.core.DhtException;
import io.rdht.core.Value;

/** Where a get's values go; every call happens on the node thread. */
public interface GetCallback {
    /** A value, new or a later edit (higher seq) of one handed on before. */
    void onValue(Value value);

    /** The lookup ended; no more values follow. */
    void onComplete();

    /** The get failed; no more values follow. */
    void onError(DhtException error);
}

package io.rdht.core.engine;

import io.rdht.core.DhtException;
import io.rdht.core.ValueEvent;

/** Where a listen's events go; every call happens on the node thread. */
public interface ListenCallback {
    /** A value was added, updated or expired. */
    void onEvent(ValueEvent event);

    /** The listen ended with an error (the node closed); no more events follow. */
    void onError(DhtException error);
}

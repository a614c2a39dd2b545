package io.rdht.core;

import io.rdht.core.engine.GetCallback;
import java.util.ArrayDeque;
import java.util.Queue;
import reactor.core.publisher.FluxSink;

/**
 * Hands a get's values to its subscriber only as fast as it requests them: the engine hands them
 * all over when the lookup ends; they wait here, not in a buffer of the stream, and each is emitted
 * once the subscriber has asked for it. Used on the node thread only.
 */
final class GetDelivery implements GetCallback {

    private final FluxSink<Value> sink;
    private final Queue<Value> waiting = new ArrayDeque<>();
    private boolean complete;

    GetDelivery(FluxSink<Value> sink) {
        this.sink = sink;
    }

    @Override
    public void onValue(Value value) {
        waiting.add(value);
        drain();
    }

    @Override
    public void onComplete() {
        complete = true;
        drain();
    }

    @Override
    public void onError(DhtException error) {
        waiting.clear();
        sink.error(error);
    }

    /** Emits as many waiting values as the subscriber has asked for, then completes once none is left. */
    void drain() {
        while (!waiting.isEmpty() && sink.requestedFromDownstream() > 0 && !sink.isCancelled()) {
            sink.next(waiting.poll());
        }
        if (complete && waiting.isEmpty()) {
            sink.complete();
        }
    }
}

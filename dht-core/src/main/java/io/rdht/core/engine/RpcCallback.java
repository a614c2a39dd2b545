package io.rdht.core.engine;

import io.rdht.core.NodeInfo;
import io.rdht.core.wire.Reply;

/** What a requester hears of one request: the reply, a first timeout, or the final failure. */
interface RpcCallback {

    /** {@code from} answered. */
    void onReply(NodeInfo from, Reply reply);

    /** The first timeout passed; the request is being re-sent. */
    default void onSlow() {
    }

    /** Every attempt timed out. */
    void onTimeout();
}

package io.rdht.core.engine;

import io.rdht.core.NodeInfo;
import io.rdht.core.wire.Reply;

/** What a requester hears of one request: the reply, each timeout before the last, or the final failure. */
interface RpcCallback {

    /** A callback for requests whose outcome nobody waits for (the RPC layer still notes failures). */
    RpcCallback IGNORE = new RpcCallback() {
        @Override
        public void onReply(NodeInfo from, Reply reply) {}

        @Override
        public void onTimeout() {}
    };

    /** {@code from} answered. */
    void onReply(NodeInfo from, Reply reply);

    /** A timeout passed and the request is being re-sent; called once per re-send. */
    default void onSlow() {}

    /** Every attempt timed out. */
    void onTimeout();
}

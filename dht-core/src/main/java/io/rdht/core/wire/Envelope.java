package io.rdht.core.wire;

import io.rdht.core.InfoHash;
import java.util.Objects;

/**
 * One message as it travels in a datagram: the network it belongs to, a transaction id that
 * pairs a reply with its request, the sender's node id, and the body.
 *
 * @param networkId     nodes drop messages of other networks
 * @param transactionId chosen by the requester, echoed by the reply
 * @param sender        the sending node's id
 * @param body          what the message says
 */
public record Envelope(int networkId, long transactionId, InfoHash sender, Body body) {
    /** Checks that sender and body are present. */
    public Envelope {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(body, "body");
    }
}

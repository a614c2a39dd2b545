package io.rdht.core.wire;

import io.rdht.core.InfoHash;
import java.util.Objects;

/**
 * One message as it travels in a datagram: the network it belongs to, a transaction id that
 * pairs a reply with its request, the sender's node id, whether the sender is read-only, and the
 * body.
 *
 * @param networkId     nodes drop messages of other networks
 * @param transactionId chosen by the requester, echoed by the reply
 * @param sender        the sending node's id
 * @param body          what the message says
 * @param readOnly      the sender uses the network without serving it (BEP 43): a receiver
 *                      answers it but never adds it to its routing table
 * @param bothFamilies  the sender serves IPv4 and IPv6: replies to it carry contacts of both
 *                      families (as BEP 32's {@code want}), its own family's first
 */
public record Envelope(
        int networkId, long transactionId, InfoHash sender, Body body, boolean readOnly, boolean bothFamilies) {
    /** Checks that sender and body are present. */
    public Envelope {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(body, "body");
    }

    /** A message from a node of one address family. */
    public Envelope(int networkId, long transactionId, InfoHash sender, Body body, boolean readOnly) {
        this(networkId, transactionId, sender, body, readOnly, false);
    }

    /** A message from a node of one address family that serves the network. */
    public Envelope(int networkId, long transactionId, InfoHash sender, Body body) {
        this(networkId, transactionId, sender, body, false);
    }
}

package io.rdht.core.routing;

/**
 * What a node remembers of a peer's recent answers, as a lookup uses it to decide whether to ask
 * the peer and how long to wait for it.
 */
public enum PeerStatus {
    /** Answered its last request, or was never asked: asked, and waited for through one re-send. */
    UNSUSPECTED,
    /** Left its last request unanswered (after every re-send): asked, but not waited for past one timeout. */
    SUSPECT,
    /** Left several requests in a row unanswered: not asked again until it shows it is alive. */
    FAILED
}

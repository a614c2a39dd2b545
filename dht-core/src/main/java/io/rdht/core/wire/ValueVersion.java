package io.rdht.core.wire;

/**
 * Which version of a value a listener holds: its id, seq and creation time (a value re-published
 * unchanged has a later creation time and so a later expiry).
 *
 * @param id            the value id
 * @param seq           the edit sequence number
 * @param createdMillis the creation time, epoch milliseconds
 */
public record ValueVersion(long id, long seq, long createdMillis) {
}

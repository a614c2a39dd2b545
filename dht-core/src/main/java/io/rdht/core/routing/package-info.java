/**
 * The routing table: K-buckets of contacts with their round-trip estimates, the peers that
 * failed lately, and the per-address limits that keep one host from filling a bucket. Plain
 * Java; the time of each event is passed in.
 *
 * <p>Nullness: no parameter, return value or record component is null unless its documentation
 * says when it is.
 */
package io.rdht.core.routing;

/**
 * The {@code monitor} command: a node that follows {@code pollution_level} and shows each reading
 * as it arrives, as a live table on a terminal or as lines (or JSON lines) for scripts.
 *
 * <p>Nullness: no parameter, return value or record component is null unless its documentation
 * says when it is.
 */
package io.rdht.monitor;

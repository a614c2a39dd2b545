/**
 * The {@code monitor} command: a node that follows {@code pollution_level} and shows each reading
 * as it arrives, as a live table on a terminal or as lines (or JSON lines) for scripts.
 */
package io.rdht.monitor;

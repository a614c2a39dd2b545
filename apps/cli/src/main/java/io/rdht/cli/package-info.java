/**
 * What rdht's commands share: the network options, the settings of every command merged from
 * flags, environment variables and {@code rdht.toml} ({@link io.rdht.cli.config}), the documented
 * exit codes, and quiet logging unless asked for (or a service's log on standard output).
 *
 * <p>Nullness: no parameter, return value or record component is null unless its documentation
 * says when it is.
 */
package io.rdht.cli;

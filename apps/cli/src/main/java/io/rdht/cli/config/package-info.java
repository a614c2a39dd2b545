/**
 * Settings of rdht's commands, merged once with the source of each: a command-line flag, else an
 * environment variable ({@code RDHT_<NAME>}, and {@code DHT_BOOTSTRAP}), else the configuration
 * file ({@code rdht.toml}), else the command's default. Every flag's setting has the flag's long
 * name in the file. A bad file or variable is a user error (exit 2) naming the file, line and key.
 *
 * <p>Nullness: no parameter, return value or record component is null unless its documentation
 * says when it is.
 */
package io.rdht.cli.config;

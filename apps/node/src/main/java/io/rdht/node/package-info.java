/**
 * The {@code rdht} command: runs a node with an interactive console in the manner of OpenDHT's
 * {@code dhtnode} ({@code g}, {@code p}, {@code l}/{@code cl}, {@code ll}, {@code lr}, {@code ls},
 * {@code ld}, {@code b}, {@code x}), or joins a network once to {@code get} or {@code put} a value.
 * Console lines are parsed into {@link io.rdht.node.ConsoleCommand} records, run by
 * {@link io.rdht.node.CommandRunner}, and printed in the formats of {@link io.rdht.node.Format}.
 *
 * <p>Nullness: no parameter, return value or record component is null unless its documentation
 * says when it is.
 */
package io.rdht.node;

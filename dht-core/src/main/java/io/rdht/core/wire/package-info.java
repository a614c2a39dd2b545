/**
 * The wire protocol: the message records, their strict CBOR encoding ({@link
 * io.rdht.core.wire.WireCodec}), and the splitting of large messages into datagrams and their
 * bounded reassembly ({@link io.rdht.core.wire.Fragmenter}, {@link io.rdht.core.wire.Reassembler}).
 * Pure code: no sockets, no Reactor, no clock; docs/PROTOCOL.md describes the bytes.
 *
 * <p>Nullness: no parameter, return value or record component is null unless its documentation
 * says when it is.
 */
package io.rdht.core.wire;

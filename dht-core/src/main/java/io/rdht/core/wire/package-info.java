/**
 * The wire protocol: the message records, their strict CBOR encoding ({@link
 * io.rdht.core.wire.WireCodec}), and the splitting of large messages into datagrams and their
 * bounded reassembly ({@link io.rdht.core.wire.Fragmenter}, {@link io.rdht.core.wire.Reassembler}).
 * Pure code: no sockets, no Reactor, no clock; docs/PROTOCOL.md describes the bytes.
 */
package io.rdht.core.wire;

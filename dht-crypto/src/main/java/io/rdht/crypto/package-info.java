/**
 * Keys and cryptography for rdht, on Google Tink. An {@link io.rdht.crypto.Identity} is a node's
 * or a sensor's key material: an Ed25519 key pair that signs (plain 64-byte RFC 8032 signatures)
 * and a separate X25519 key pair that values are encrypted to with HPKE. It lives in an
 * owner-only identity file. Others hold only its {@link io.rdht.crypto.PublicKey}, which verifies
 * signatures, and its {@link io.rdht.crypto.RecipientKey}, which encrypts. Failures are the sealed
 * {@link io.rdht.crypto.CryptoException} family; no Tink or protobuf type appears in the API.
 *
 * <p>No networking, no Reactor and no threads: the node in {@code dht-core} calls into this
 * package.
 *
 * <p>Nullness: no parameter, return value or record component is null unless its documentation
 * says when it is.
 */
package io.rdht.crypto;

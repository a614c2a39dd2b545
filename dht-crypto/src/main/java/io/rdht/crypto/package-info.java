/**
 * Ed25519 identities, signing and verification, and encryption to a recipient, on Google Tink.
 * No networking and no Reactor: the node in {@code dht-core} calls into this package.
 */
package io.rdht.crypto;

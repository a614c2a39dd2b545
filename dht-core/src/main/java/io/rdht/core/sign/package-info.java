/**
 * Signed and encrypted values: the canonical bytes an owner signs ({@link
 * io.rdht.core.sign.SignedContent}), signing with an {@link io.rdht.crypto.Identity} ({@link
 * io.rdht.core.sign.ValueSigner}), the checks every storer and reader makes ({@link
 * io.rdht.core.sign.SignatureVerifier}), and encryption of a value's data to a recipient ({@link
 * io.rdht.core.sign.ValueEncryption}). Pure code on top of {@code dht-crypto}: no networking, no
 * Reactor, no clock.
 *
 * <p>Threat-model note. <em>Forgery and takeover:</em> a signature covers the key, id, seq, TTL,
 * creation time, content type, data, recipient and owner key, so no field can be changed, and a
 * value cannot be moved to another key or claimed by another owner, without the owner's private
 * key. <em>Replay:</em> a signed value must carry its creation time; storers refuse it once its
 * TTL has run out, and their edit policy refuses an older seq, so an old version cannot be brought
 * back. <em>Moved ciphertexts:</em> encryption binds the key, id and owner as associated data, so a
 * ciphertext re-signed by someone else or put under another key or id does not decrypt.
 *
 * <p>Nullness: no parameter, return value or record component is null unless its documentation
 * says when it is.
 */
package io.rdht.core.sign;

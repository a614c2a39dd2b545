package io.rdht.http.proxy;

import java.util.Base64;
import java.util.HexFormat;

/**
 * An owner's Ed25519 public key as OpenDHT's proxy writes an owner: a PEM {@code PUBLIC KEY}
 * block, that is the key's X.509 SubjectPublicKeyInfo (RFC 8410) in base64 between two armour
 * lines. OpenDHT's owners are RSA keys in the same armour; rdht's are Ed25519, so a client sees
 * the same field with the same encoding and can tell the algorithm from the DER inside. Written
 * only: the gateway takes no signed values in (see {@link ValueJson#parse}).
 */
final class OwnerPem {

    /** The DER SubjectPublicKeyInfo header of an Ed25519 key (RFC 8410), before its 32 raw bytes. */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";

    private OwnerPem() {}

    /** The PEM block of {@code raw}, a 32-byte Ed25519 public key, ending with a newline. */
    static String of(byte[] raw) {
        byte[] der = new byte[ED25519_SPKI_PREFIX.length + raw.length];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, der, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(raw, 0, der, ED25519_SPKI_PREFIX.length, raw.length);
        return BEGIN + "\n" + Base64.getEncoder().encodeToString(der) + "\n" + END + "\n";
    }
}

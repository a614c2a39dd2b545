/**
 * rdht's keys: Ed25519 identities that sign and verify, X25519 recipient keys that encrypt to a
 * node, and the identity file format. Only {@link io.rdht.crypto} is exported; Tink, which does the
 * cryptography, and Conscrypt, which runs it natively where it can, are implementation details
 * that no exported signature names.
 */
module io.rdht.crypto {
    requires com.google.crypto.tink;
    requires org.conscrypt;

    exports io.rdht.crypto;
}

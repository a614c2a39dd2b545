package io.rdht.crypto;

/**
 * A failure of this package's cryptography or key storage.
 *
 * <p>The family is sealed so that callers can switch over every member: {@link
 * IdentityFileException} for identity files that cannot be read, written or trusted, and {@link
 * DecryptionFailed} for ciphertexts that do not open. No Tink or protobuf exception type ever
 * escapes this package; where one caused the failure, its message is folded into ours.
 */
public abstract sealed class CryptoException extends RuntimeException
        permits IdentityFileException, CryptoException.DecryptionFailed {

    CryptoException(String message) {
        super(message);
    }

    CryptoException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A ciphertext did not decrypt: it was encrypted to another recipient, altered on the way, or
     * bound to different associated data.
     *
     * <p>HPKE's authentication cannot tell these cases apart, and neither does this exception.
     */
    public static final class DecryptionFailed extends CryptoException {

        /** The key of the identity that tried to decrypt. */
        private final RecipientKey recipient;

        DecryptionFailed(RecipientKey recipient) {
            super("ciphertext does not decrypt for recipient "
                    + recipient.shortId()
                    + ": encrypted to another key, altered, or bound to other associated data");
            this.recipient = recipient;
        }

        /**
         * The key of the identity that tried to decrypt.
         *
         * @return the recipient key that failed to decrypt
         */
        public RecipientKey recipient() {
            return recipient;
        }
    }
}

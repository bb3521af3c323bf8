package org.unionaid.disbursement.crypto;

import org.unionaid.common.crypto.SealedValues;

import java.util.Optional;

/**
 * Encryption at rest of an application's details: common's {@link SealedValues} (AES-256-GCM, a fresh
 * 96-bit nonce per value, the purpose bound as associated data; the registry and tools/datagen use the
 * same) with this service's key ({@value #PROPERTY}, env DETAILS_DATA_KEY), never from the database.
 */
public final class DetailsCipher {

    public static final String PROPERTY = "disbursement.crypto.data-key";

    private final SealedValues sealed;

    private DetailsCipher(SealedValues sealed) {
        this.sealed = sealed;
    }

    /** The cipher of a base64 key of 32 bytes; a clear message naming the setting when it is missing or unfit. */
    public static DetailsCipher of(Optional<String> base64) {
        String value = base64.filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                PROPERTY + " is not set: give DETAILS_DATA_KEY a base64 key of 32 bytes (e.g. openssl rand -base64 32)"));
        return new DetailsCipher(SealedValues.of(SealedValues.key(value, PROPERTY + " (DETAILS_DATA_KEY)")));
    }

    /** Seals; {@code purpose} is bound as associated data so a value can't be moved to another field. */
    public byte[] seal(byte[] plaintext, String purpose) {
        return sealed.seal(plaintext, purpose);
    }

    /** The plaintext; {@link SealedValues.Unreadable} when the value is damaged, of another purpose or sealed with another key. */
    public byte[] open(byte[] stored, String purpose) {
        return sealed.open(stored, purpose);
    }
}

package org.unionaid.disbursement.crypto;

import org.unionaid.common.crypto.SealedValues;

import java.util.List;
import java.util.Optional;

/**
 * Encryption at rest of an application's details: common's {@link SealedValues} (AES-256-GCM, a fresh
 * 96-bit nonce per value, the purpose bound as associated data; the registry and tools/datagen use the
 * same) with this service's key ({@value #PROPERTY}, env DETAILS_DATA_KEY), never from the database; after a
 * rotation the keys before it ({@value #PREVIOUS_PROPERTY}, DETAILS_PREVIOUS_DATA_KEYS) still open what they sealed.
 */
public final class DetailsCipher {

    public static final String PROPERTY = "disbursement.crypto.data-key";
    public static final String PREVIOUS_PROPERTY = "disbursement.crypto.previous-data-keys";

    private final SealedValues sealed;

    private DetailsCipher(SealedValues sealed) {
        this.sealed = sealed;
    }

    /** The cipher of a base64 key of 32 bytes; a clear message naming the setting when it is missing or unfit. */
    public static DetailsCipher of(Optional<String> base64) {
        return of(base64, Optional.empty());
    }

    /** The same, also opening details sealed with one of the {@code previous} keys (base64) before a rotation. */
    public static DetailsCipher of(Optional<String> base64, Optional<List<String>> previous) {
        String value = base64.filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                PROPERTY + " is not set: give DETAILS_DATA_KEY a base64 key of 32 bytes (e.g. openssl rand -base64 32)"));
        return new DetailsCipher(SealedValues.of(SealedValues.key(value, PROPERTY + " (DETAILS_DATA_KEY)"),
                SealedValues.keys(previous, PREVIOUS_PROPERTY + " (DETAILS_PREVIOUS_DATA_KEYS)")));
    }

    /** The key's sealer (with the previous keys): what re-sealing after a rotation works with. */
    SealedValues sealedValues() {
        return sealed;
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

package org.unionaid.registry.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import org.unionaid.common.crypto.BlindIndex;
import org.unionaid.common.crypto.SealedValues;
import org.unionaid.registry.config.RegistryConfig;

import java.nio.charset.StandardCharsets;

/**
 * Encryption at rest of personal data (common's {@link SealedValues}: AES-256-GCM, a fresh 96-bit nonce
 * per value) and the keyed blind index (HMAC-SHA256) that lets the database find and constrain by ID
 * number without holding it. Both keys come from configuration, never from the database. The data key can be
 * rotated (the previous ones configured as previous-data-keys keep opening what they sealed); the blind-index
 * key cannot: every stored index would have to be computed again.
 */
@ApplicationScoped
public class PersonalDataCipher {

    private final SealedValues sealed;
    /** common's {@link BlindIndex} (one Mac per thread; disbursement's mutual-aid members use the same). */
    private final BlindIndex index;

    PersonalDataCipher(RegistryConfig config) {
        this.sealed = SealedValues.of(SealedValues.key(config.crypto().dataKey(), "registry.crypto.data-key"),
                SealedValues.keys(config.crypto().previousDataKeys(), "registry.crypto.previous-data-keys (ID_PREVIOUS_DATA_KEYS)"));
        this.index = BlindIndex.of(SealedValues.key(config.crypto().blindIndexKey(), "registry.crypto.blind-index-key"));
    }

    /** The data key's sealer (with the previous keys): what re-sealing after a rotation works with. */
    SealedValues sealedValues() {
        return sealed;
    }

    /** Encrypts; {@code purpose} is bound as associated data so a value can't be moved to another field. */
    public byte[] encrypt(String plaintext, String purpose) {
        return sealed.seal(plaintext.getBytes(StandardCharsets.UTF_8), purpose);
    }

    /** The plaintext; {@link SealedValues.Unreadable} (an IllegalStateException) when it does not open. */
    public String decrypt(byte[] stored, String purpose) {
        return new String(decryptBytes(stored, purpose), StandardCharsets.UTF_8);
    }

    /** A text sealed for {@code purpose}, or null for null (an optional field left empty). */
    public byte[] sealText(String plaintext, String purpose) {
        return plaintext == null ? null : encrypt(plaintext, purpose);
    }

    /** The text of {@link #sealText}, or null for null. */
    public String openText(byte[] stored, String purpose) {
        return stored == null ? null : decrypt(stored, purpose);
    }

    /** The plaintext's UTF-8 bytes, for callers that parse them (no String in between). */
    public byte[] decryptBytes(byte[] stored, String purpose) {
        return sealed.open(stored, purpose);
    }

    /** The blind index of a value: equal values give equal hashes, nothing else can be read from it. */
    public byte[] blindIndex(String value) {
        return index.of(value);
    }
}

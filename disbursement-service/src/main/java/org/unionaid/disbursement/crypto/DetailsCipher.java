package org.unionaid.disbursement.crypto;

import org.unionaid.common.crypto.SealedValues;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
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
    /** Derived from the data key (HMAC of a label): keyed digests of requests, never the data key itself. */
    private final byte[] macKey;

    private DetailsCipher(SealedValues sealed, byte[] key) {
        this.sealed = sealed;
        this.macKey = hmac(key, "union-aid disbursement keyed digests".getBytes(StandardCharsets.UTF_8));
    }

    /** The cipher of a base64 key of 32 bytes; a clear message naming the setting when it is missing or unfit. */
    public static DetailsCipher of(Optional<String> base64) {
        return of(base64, Optional.empty());
    }

    /** The same, also opening details sealed with one of the {@code previous} keys (base64) before a rotation. */
    public static DetailsCipher of(Optional<String> base64, Optional<List<String>> previous) {
        String value = base64.filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                PROPERTY + " is not set: give DETAILS_DATA_KEY a base64 key of 32 bytes (e.g. openssl rand -base64 32)"));
        byte[] key = SealedValues.key(value, PROPERTY + " (DETAILS_DATA_KEY)");
        return new DetailsCipher(SealedValues.of(key, SealedValues.keys(previous, PREVIOUS_PROPERTY + " (DETAILS_PREVIOUS_DATA_KEYS)")), key);
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

    /**
     * A keyed digest (HMAC-SHA256) of {@code data} for {@code purpose}: stored where only equality matters (an
     * Idempotency-Key's request), so that what is stored cannot be checked against guessed requests without the key.
     */
    public byte[] digest(byte[] data, String purpose) {
        byte[] label = (purpose + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[label.length + data.length];
        System.arraycopy(label, 0, input, 0, label.length);
        System.arraycopy(data, 0, input, label.length, data.length);
        return hmac(macKey, input);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}

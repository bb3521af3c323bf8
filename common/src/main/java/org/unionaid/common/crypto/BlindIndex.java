package org.unionaid.common.crypto;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * A keyed blind index (HMAC-SHA256) of a value such as an ID number: equal values give equal 32 bytes, so a
 * database can find and constrain (unique index) by the value without holding it, and nothing can be read from it
 * or checked against guessed values without the key. The key comes from configuration, never from a database;
 * it cannot be rotated without computing every stored index again.
 */
public final class BlindIndex {

    /** The length of an index: what a column's check constraint can demand. */
    public static final int LENGTH = 32;

    /** One Mac per thread, initialised again for every value: {@code getInstance} looks the provider up on each call. */
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(BlindIndex::hmacSha256);

    private final SecretKeySpec key;

    private BlindIndex(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** The index of this key (32 bytes, e.g. {@link SealedValues#key} of a setting). */
    public static BlindIndex of(byte[] key) {
        if (key == null || key.length != SealedValues.KEY_BYTES) {
            throw new IllegalArgumentException("A blind-index key is " + SealedValues.KEY_BYTES + " bytes");
        }
        return new BlindIndex(key.clone());
    }

    /** The index of {@code value} (its UTF-8 bytes); callers normalise the value first. */
    public byte[] of(String value) {
        try {
            Mac mac = MACS.get();
            mac.init(key);
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Blind index failed", e);
        }
    }

    private static Mac hmacSha256() {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JCE algorithm missing", e);
        }
    }
}

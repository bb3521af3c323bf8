package org.unionaid.disbursement.crypto;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Encryption at rest of an application's details (AES-256-GCM, a fresh 96-bit nonce per value, the
 * purpose of the value bound as associated data). A sealed value is
 * {@code format byte (1) | nonce (12 bytes) | ciphertext and 128-bit tag}. The key comes from
 * configuration ({@value #PROPERTY}, env DETAILS_DATA_KEY), never from the database.
 * The same layout as aid-registry-service's PersonalDataCipher; tools/datagen writes it too.
 */
public final class DetailsCipher {

    public static final String PROPERTY = "disbursement.crypto.data-key";
    static final byte FORMAT_V1 = 1;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();
    /** One Cipher per thread, initialised again (fresh nonce) for every value. */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(DetailsCipher::aesGcm);

    private DetailsCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The cipher of a base64 key of 32 bytes; a clear message naming the setting when it is missing or unfit. */
    public static DetailsCipher of(Optional<String> base64) {
        String value = base64.map(String::trim).filter(s -> !s.isEmpty()).orElseThrow(() -> new IllegalStateException(
                PROPERTY + " is not set: give DETAILS_DATA_KEY a base64 key of 32 bytes (e.g. openssl rand -base64 32)"));
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(PROPERTY + " (DETAILS_DATA_KEY) is not base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException(PROPERTY + " (DETAILS_DATA_KEY) must be 32 bytes (base64), is " + key.length);
        }
        return new DetailsCipher(key);
    }

    /** Seals; {@code purpose} is bound as associated data so a value can't be moved to another field. */
    public byte[] seal(byte[] plaintext, String purpose) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(FORMAT_V1).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    /** The plaintext; {@link Unreadable} when the value is damaged, of another purpose or sealed with another key. */
    public byte[] open(byte[] stored, String purpose) {
        if (stored.length < 1 + NONCE_BYTES + TAG_BITS / 8 || stored[0] != FORMAT_V1) {
            throw new Unreadable("unknown format");
        }
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 1, NONCE_BYTES));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            // No cause kept: nothing of the value goes further than this.
            throw new Unreadable("authentication failed: sealed with another key, of another purpose or damaged");
        }
    }

    /** A sealed value that does not open. Its message never carries any of the value. */
    public static final class Unreadable extends IllegalStateException {
        Unreadable(String why) {
            super("Sealed value cannot be read (" + why + ")");
        }
    }

    private static Cipher aesGcm() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JCE algorithm missing", e);
        }
    }
}

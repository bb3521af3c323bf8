package org.unionaid.registry.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import org.unionaid.registry.config.RegistryConfig;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Encryption at rest of personal data (AES-256-GCM, a fresh 96-bit nonce per value) and the
 * keyed blind index (HMAC-SHA256) that lets the database find and constrain by ID number
 * without holding it. Both keys come from configuration, never from the database.
 */
@ApplicationScoped
public class PersonalDataCipher {

    private static final byte FORMAT_V1 = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec dataKey;
    private final SecretKeySpec indexKey;
    private final SecureRandom random = new SecureRandom();
    /**
     * One Cipher and one Mac per thread, re-initialised for every value: {@code getInstance} looks the
     * provider up on each call (measured on the GET path in bench/). {@code init} resets all state,
     * and every encryption is initialised with a fresh nonce, so reuse never repeats a (key, nonce) pair.
     */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(() -> instance(() -> Cipher.getInstance("AES/GCM/NoPadding")));
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(() -> instance(() -> Mac.getInstance("HmacSHA256")));

    PersonalDataCipher(RegistryConfig config) {
        this.dataKey = new SecretKeySpec(key(config.crypto().dataKey(), "data-key"), "AES");
        this.indexKey = new SecretKeySpec(key(config.crypto().blindIndexKey(), "blind-index-key"), "HmacSHA256");
    }

    /** Encrypts; {@code purpose} is bound as associated data so a value can't be moved to another field. */
    public byte[] encrypt(String plaintext, String purpose) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(FORMAT_V1).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    public String decrypt(byte[] stored, String purpose) {
        return new String(decryptBytes(stored, purpose), StandardCharsets.UTF_8);
    }

    /** The plaintext's UTF-8 bytes, for callers that parse them (no String in between). */
    public byte[] decryptBytes(byte[] stored, String purpose) {
        try {
            if (stored.length < 1 + NONCE_BYTES || stored[0] != FORMAT_V1) {
                throw new IllegalStateException("Unknown ciphertext format");
            }
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, stored, 1, NONCE_BYTES));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Decryption failed", e);
        }
    }

    /** The blind index of a value: equal values give equal hashes, nothing else can be read from it. */
    public byte[] blindIndex(String value) {
        try {
            Mac mac = macs.get();
            mac.init(indexKey);
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Blind index failed", e);
        }
    }

    private interface Lookup<T> {
        T get() throws GeneralSecurityException;
    }

    private static <T> T instance(Lookup<T> lookup) {
        try {
            return lookup.get();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JCE algorithm missing", e);
        }
    }

    private static byte[] key(String base64, String name) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("registry.crypto." + name + " is not base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException("registry.crypto." + name + " must be 32 bytes (base64), is " + key.length);
        }
        return key;
    }
}

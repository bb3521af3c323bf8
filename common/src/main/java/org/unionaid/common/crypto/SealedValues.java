package org.unionaid.common.crypto;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Personal data at rest, the one format every module writes and reads: AES-256-GCM, a fresh random
 * 96-bit nonce per value, the value's purpose (its column, e.g. {@code hardship_file.id_number}) bound
 * as associated data so a value can't be moved to another field. A sealed value is
 * {@code format byte 1 | nonce (12 bytes) | ciphertext and 128-bit tag}; values already stored in this
 * layout must keep opening, so it does not change. Keys come from configuration, never from a database.
 */
public final class SealedValues {

    /** An AES-256 key. */
    public static final int KEY_BYTES = 32;
    static final byte FORMAT_V1 = 1;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    /** The shortest sealed value (an empty plaintext): what a column's check constraint can demand. */
    public static final int MIN_LENGTH = 1 + NONCE_BYTES + TAG_BITS / 8;

    /**
     * One Cipher per thread, initialised again for every value: {@code getInstance} looks the provider up
     * on every call (measured on the registry's GET path in bench/). {@code init} resets all state and every
     * encryption gets a fresh nonce, so reuse never repeats a (key, nonce) pair.
     */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(SealedValues::aesGcm);

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    private SealedValues(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** Seals and opens with this AES-256 key. */
    public static SealedValues of(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("An AES-256 key is " + KEY_BYTES + " bytes");
        }
        return new SealedValues(key);
    }

    /**
     * The key of a setting: base64 of 32 bytes (e.g. {@code openssl rand -base64 32}). An
     * {@link IllegalStateException} naming {@code setting} when it is missing or unfit; never the value.
     */
    public static byte[] key(String base64, String setting) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException(setting + " is not set");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not base64");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException(setting + " must be " + KEY_BYTES + " bytes (base64), is " + key.length);
        }
        return key;
    }

    /** Seals {@code plaintext} for {@code purpose}; the same value sealed twice gives different bytes. */
    public byte[] seal(byte[] plaintext, String purpose) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(FORMAT_V1).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    /** The plaintext; {@link Unreadable} when the value is damaged, of another purpose or sealed with another key. */
    public byte[] open(byte[] sealed, String purpose) {
        if (sealed.length < MIN_LENGTH || sealed[0] != FORMAT_V1) {
            throw new Unreadable("unknown format");
        }
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
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

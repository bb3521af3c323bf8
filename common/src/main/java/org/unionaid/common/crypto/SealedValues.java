package org.unionaid.common.crypto;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Personal data at rest, the one format every module writes and reads: AES-256-GCM, a fresh random
 * 96-bit nonce per value, the value's purpose (its column, e.g. {@code hardship_file.id_number}) bound
 * as associated data so a value can't be moved to another field. A sealed value is
 * {@code format byte 1 | nonce (12 bytes) | ciphertext and 128-bit tag}; values already stored in this
 * layout must keep opening, so it does not change. Keys come from configuration, never from a database.
 * <p>
 * Key rotation: values are sealed with the current key and opened with it or, failing that, with each
 * previous key in turn (there is no key id in the format: a value that does not open under one key is
 * tried under the next). New values are always sealed under the current key; a previous key stays
 * configured as long as values sealed under it remain.
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
    private final SecretKeySpec[] previous;
    private final SecureRandom random = new SecureRandom();

    private SealedValues(byte[] key, List<byte[]> previous) {
        this.key = aesKey(key);
        this.previous = previous.stream().map(SealedValues::aesKey).toArray(SecretKeySpec[]::new);
    }

    /** Seals and opens with this AES-256 key. */
    public static SealedValues of(byte[] key) {
        return of(key, List.of());
    }

    /** Seals with {@code key}; opens with it or, should a value not open with it, with one of the {@code previous} keys. */
    public static SealedValues of(byte[] key, List<byte[]> previous) {
        return new SealedValues(key, previous);
    }

    private static SecretKeySpec aesKey(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("An AES-256 key is " + KEY_BYTES + " bytes");
        }
        return new SecretKeySpec(key, "AES");
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

    /**
     * The keys of a setting that lists previous keys, comma-separated, each as {@link #key} wants it;
     * none when it is empty. The message of a key that does not fit names the setting and the key's place.
     */
    public static List<byte[]> keys(Optional<List<String>> base64List, String setting) {
        List<String> values = base64List.orElse(List.of()).stream().filter(value -> !value.isBlank()).toList();
        List<byte[]> keys = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            keys.add(key(values.get(i), setting + " (key " + (i + 1) + " of " + values.size() + ")"));
        }
        return keys;
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
        byte[] opened = open(key, sealed, purpose);
        for (int i = 0; opened == null && i < previous.length; i++) {
            opened = open(previous[i], sealed, purpose);
        }
        if (opened == null) {
            // No cause kept: nothing of the value goes further than this.
            throw new Unreadable("authentication failed: sealed with a key not configured, of another purpose or damaged");
        }
        return opened;
    }

    /**
     * After a key rotation: the value sealed again under the current key when only a previous key opens
     * it; null when the current key opens it (nothing to do). {@link Unreadable} when no key opens it.
     */
    public byte[] resealed(byte[] sealed, String purpose) {
        if (sealed.length < MIN_LENGTH || sealed[0] != FORMAT_V1) {
            throw new Unreadable("unknown format");
        }
        if (open(key, sealed, purpose) != null) {
            return null;
        }
        for (SecretKeySpec earlier : previous) {
            byte[] opened = open(earlier, sealed, purpose);
            if (opened != null) {
                return seal(opened, purpose);
            }
        }
        throw new Unreadable("authentication failed: sealed with a key not configured, of another purpose or damaged");
    }

    /** Whether previous keys are configured (a rotation may have left values to seal again). */
    public boolean hasPreviousKeys() {
        return previous.length > 0;
    }

    /** The plaintext, or null when the tag does not check out under this key. */
    private static byte[] open(SecretKeySpec key, byte[] sealed, String purpose) {
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            return null;
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

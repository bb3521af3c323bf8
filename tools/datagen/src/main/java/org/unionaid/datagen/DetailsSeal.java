package org.unionaid.datagen;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Seals an application's details the way disbursement-service stores them (its crypto.DetailsCipher):
 * AES-256-GCM with the service's key (DETAILS_DATA_KEY), a fresh 96-bit nonce per value, the column's
 * purpose as associated data; stored as {@code format byte 1 | nonce | ciphertext and tag}.
 */
final class DetailsSeal {

    static final String ENV = "DETAILS_DATA_KEY";
    static final String PURPOSE = "application.details";
    private static final byte FORMAT_V1 = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JCE algorithm missing", e);
        }
    });

    private DetailsSeal(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The seal of disbursement's key, base64 of 32 bytes; IllegalArgumentException naming the variable otherwise. */
    static DetailsSeal of(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException(ENV + " is not set: give the data generator disbursement-service's details key"
                    + " (deploy/local/run.sh keeps it in deploy/local/data/secrets.env)");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENV + " is not base64");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException(ENV + " must be 32 bytes (base64), is " + key.length);
        }
        return new DetailsSeal(key);
    }

    byte[] seal(String json) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(PURPOSE.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(json.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(FORMAT_V1).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }
}

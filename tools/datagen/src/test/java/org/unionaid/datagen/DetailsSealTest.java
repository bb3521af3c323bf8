package org.unionaid.datagen;

import org.junit.jupiter.api.Test;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetailsSealTest {

    /** disbursement-service's %test key; its DetailsEncryptionTest opens a value this class sealed with it. */
    private static final String KEY = "dGVzdC1vbmx5LWRldGFpbHMta2V5LW5vdC1wcm9kISE=";
    private static final String JSON = "{\"source\":\"legacy\",\"medicalBills\":\"legacy\",\"outOfPocket\":\"6400.00\"}";

    @Test
    void sealedDetailsOpenWithTheKeyAndPurposeOfDisbursementAndHoldNoPlaintext() throws Exception {
        byte[] sealed = DetailsSeal.of(KEY).seal(JSON);
        assertEquals(1, sealed[0], "format byte");
        assertEquals(1 + 12 + JSON.length() + 16, sealed.length);
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("6400.00"));
        assertEquals(JSON, new String(open(sealed, KEY, "application.details"), StandardCharsets.UTF_8));
        assertThrows(AEADBadTagException.class, () -> open(sealed, KEY, "application.reason"));
        assertThrows(AEADBadTagException.class, () -> open(sealed,
                Base64.getEncoder().encodeToString("another-key-of-32-bytes-exactly!".getBytes(StandardCharsets.US_ASCII)),
                "application.details"));
    }

    @Test
    void theSameDetailsSealTwiceToDifferentBytes() {
        DetailsSeal seal = DetailsSeal.of(KEY);
        assertFalse(Arrays.equals(seal.seal(JSON), seal.seal(JSON)));
    }

    @Test
    void aMissingOrUnfitKeyIsRefusedNamingTheVariable() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> DetailsSeal.of(null));
        assertTrue(missing.getMessage().contains("DETAILS_DATA_KEY is not set"), missing.getMessage());
        IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class,
                () -> DetailsSeal.of(Base64.getEncoder().encodeToString(new byte[31])));
        assertTrue(shortKey.getMessage().contains("must be 32 bytes"), shortKey.getMessage());
    }

    private static byte[] open(byte[] stored, String key, String purpose) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(key), "AES"),
                new GCMParameterSpec(128, stored, 1, 12));
        cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
        byte[] plain = cipher.doFinal(stored, 13, stored.length - 13);
        return plain;
    }
}

package org.unionaid.common.crypto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SealedValuesTest {

    private static final byte[] KEY = "pinned-format-key-of-32-bytes!!!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER_KEY = "another-key-of-32-bytes-exactly!".getBytes(StandardCharsets.US_ASCII);
    private static final String PURPOSE = "hardship_file.id_number";
    private static final byte[] ID = "110105196001010011 李四".getBytes(StandardCharsets.UTF_8);

    private final SealedValues values = SealedValues.of(KEY);

    @Test
    void aSealedValueOpensToItsPlaintextAndHoldsNoneOfIt() {
        byte[] sealed = values.seal(ID, PURPOSE);
        assertEquals(1, sealed[0], "format byte");
        assertEquals(1 + 12 + ID.length + 16, sealed.length);
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("110105196001010011"));
        assertArrayEquals(ID, values.open(sealed, PURPOSE));
        assertArrayEquals(new byte[0], values.open(values.seal(new byte[0], PURPOSE), PURPOSE));
        assertEquals(SealedValues.MIN_LENGTH, values.seal(new byte[0], PURPOSE).length);
    }

    @Test
    void theSameValueSealedTwiceGivesDifferentBytesThatBothOpen() {
        byte[] first = values.seal(ID, PURPOSE);
        byte[] second = values.seal(ID, PURPOSE);
        assertFalse(Arrays.equals(Arrays.copyOfRange(first, 1, 13), Arrays.copyOfRange(second, 1, 13)), "a fresh nonce");
        assertArrayEquals(ID, values.open(first, PURPOSE));
        assertArrayEquals(ID, values.open(second, PURPOSE));
    }

    @Test
    void aValueDoesNotOpenForAnotherPurpose() {
        byte[] sealed = values.seal(ID, PURPOSE);
        SealedValues.Unreadable e = assertThrows(SealedValues.Unreadable.class, () -> values.open(sealed, "hardship_file.household"));
        assertTrue(e.getMessage().contains("authentication failed"), e.getMessage());
    }

    @Test
    void aValueWithAnyByteChangedDoesNotOpenAndTheThreadsCipherStaysUsable() {
        byte[] sealed = values.seal(ID, PURPOSE);
        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 1;
            assertThrows(SealedValues.Unreadable.class, () -> values.open(tampered, PURPOSE), "byte " + i + " changed");
        }
        assertThrows(SealedValues.Unreadable.class, () -> values.open(Arrays.copyOf(sealed, sealed.length - 1), PURPOSE));
        assertThrows(SealedValues.Unreadable.class, () -> values.open(Arrays.copyOf(sealed, SealedValues.MIN_LENGTH - 1), PURPOSE));
        assertArrayEquals(ID, values.open(sealed, PURPOSE));
    }

    @Test
    void aValueSealedWithAnotherKeyDoesNotOpenAndNothingOfItIsInTheMessage() {
        byte[] sealed = SealedValues.of(OTHER_KEY).seal(ID, PURPOSE);
        SealedValues.Unreadable e = assertThrows(SealedValues.Unreadable.class, () -> values.open(sealed, PURPOSE));
        assertFalse(e.getMessage().contains("110105"), e.getMessage());
        assertEquals(null, e.getCause());
    }

    @Test
    void afterARotationValuesOfThePreviousKeyStillOpenAndNewOnesAreSealedWithTheNewKeyOnly() {
        byte[] beforeRotation = values.seal(ID, PURPOSE);
        byte[] retired = "a-retired-key-of-32-bytes-long!!".getBytes(StandardCharsets.US_ASCII);
        byte[] sealedLongAgo = SealedValues.of(retired).seal(ID, PURPOSE);
        SealedValues rotated = SealedValues.of(OTHER_KEY, List.of(KEY, retired));

        assertArrayEquals(ID, rotated.open(beforeRotation, PURPOSE));
        assertArrayEquals(ID, rotated.open(sealedLongAgo, PURPOSE));
        byte[] afterRotation = rotated.seal(ID, PURPOSE);
        assertArrayEquals(ID, SealedValues.of(OTHER_KEY).open(afterRotation, PURPOSE), "sealed with the current key");
        assertThrows(SealedValues.Unreadable.class, () -> values.open(afterRotation, PURPOSE), "not with the previous one");
        // a previous key opens nothing of another purpose, and a key not listed opens nothing
        assertThrows(SealedValues.Unreadable.class, () -> rotated.open(beforeRotation, "hardship_file.household"));
        assertThrows(SealedValues.Unreadable.class, () -> SealedValues.of(OTHER_KEY, List.of(KEY)).open(sealedLongAgo, PURPOSE));
    }

    @Test
    void aValueOfAPreviousKeyIsSealedAgainUnderTheCurrentOneAndOneOfTheCurrentKeyIsLeftAlone() {
        SealedValues rotated = SealedValues.of(OTHER_KEY, List.of(KEY));
        byte[] again = rotated.resealed(values.seal(ID, PURPOSE), PURPOSE);
        assertArrayEquals(ID, SealedValues.of(OTHER_KEY).open(again, PURPOSE), "opens under the current key alone");
        assertNull(rotated.resealed(again, PURPOSE), "already under the current key");
        assertThrows(SealedValues.Unreadable.class, () -> rotated.resealed(again, "hardship_file.household"));
        byte[] unknownKey = SealedValues.of("a-retired-key-of-32-bytes-long!!".getBytes(StandardCharsets.US_ASCII)).seal(ID, PURPOSE);
        assertThrows(SealedValues.Unreadable.class, () -> rotated.resealed(unknownKey, PURPOSE));
        assertTrue(rotated.hasPreviousKeys());
        assertFalse(values.hasPreviousKeys());
    }

    @Test
    void previousKeysAreReadFromAListAndAnUnfitOneIsRefusedNamingItsPlace() {
        String key = Base64.getEncoder().encodeToString(KEY);
        String other = Base64.getEncoder().encodeToString(OTHER_KEY);
        assertEquals(0, SealedValues.keys(Optional.empty(), "x.previous-data-keys").size());
        assertEquals(0, SealedValues.keys(Optional.of(List.of(" ")), "x.previous-data-keys").size());
        List<byte[]> keys = SealedValues.keys(Optional.of(List.of(key, " " + other)), "x.previous-data-keys");
        assertArrayEquals(KEY, keys.get(0));
        assertArrayEquals(OTHER_KEY, keys.get(1));
        assertEquals("x.previous-data-keys (key 2 of 2) must be 32 bytes (base64), is 16", assertThrows(IllegalStateException.class,
                () -> SealedValues.keys(Optional.of(List.of(key, Base64.getEncoder().encodeToString(new byte[16]))),
                        "x.previous-data-keys")).getMessage());
    }

    @Test
    void valuesSealedBeforeTheFormatWasSharedStillOpen() {
        // Sealed by disbursement-service's DetailsCipher as it was before it used this class (same code as the
        // registry's PersonalDataCipher then): the format is pinned, stored data keeps opening.
        byte[] old = HexFormat.of().parseHex("014c2de81a9a1fb0fedec1b64e5701035b27c2de76e4636cdb392e37750"
                + "98b7cdbcfc25063580c83c6d227c7b828969d43ff23ea8137");
        assertEquals("110105196001010011 李四", new String(values.open(old, PURPOSE), StandardCharsets.UTF_8));
        // Sealed by tools/datagen's DetailsSeal of then, with disbursement-service's %test key.
        byte[] fromDatagen = HexFormat.of().parseHex("01e5430e764a72ba6190e98669d769c64af7c76600185c0d87bd8f19cda6c9bd"
                + "6bdb2738a1810244700c512543ea0858638d765483ed13f3aedd88cd6024ad194057c23e17a184658b7084e2b3870ec573a549aab553521041ddffe472ab59f1");
        SealedValues details = SealedValues.of(SealedValues.key("dGVzdC1vbmx5LWRldGFpbHMta2V5LW5vdC1wcm9kISE=", "test key"));
        assertEquals("{\"source\":\"legacy\",\"medicalBills\":\"legacy\",\"outOfPocket\":\"6400.00\"}",
                new String(details.open(fromDatagen, "application.details"), StandardCharsets.UTF_8));
    }

    @Test
    void aKeySettingIsReadFromBase64AndAnUnfitOneIsRefusedNamingTheSetting() {
        assertArrayEquals(KEY, SealedValues.key(" " + Base64.getEncoder().encodeToString(KEY) + "\n", "x.data-key"));
        assertEquals("x.data-key is not set", assertThrows(IllegalStateException.class, () -> SealedValues.key(null, "x.data-key")).getMessage());
        assertEquals("x.data-key is not set", assertThrows(IllegalStateException.class, () -> SealedValues.key(" ", "x.data-key")).getMessage());
        assertEquals("x.data-key is not base64",
                assertThrows(IllegalStateException.class, () -> SealedValues.key("not base64!", "x.data-key")).getMessage());
        assertEquals("x.data-key must be 32 bytes (base64), is 16", assertThrows(IllegalStateException.class,
                () -> SealedValues.key(Base64.getEncoder().encodeToString(new byte[16]), "x.data-key")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SealedValues.of(new byte[31]));
    }
}

package org.unionaid.datagen;

/** Unified social credit codes (GB 32100) with a valid check character, one per enterprise index. */
final class CreditCodes {

    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private CreditCodes() {
    }

    /** "91" (an enterprise) + region + a 9-character organisation code made from the index and salt. */
    static String of(int index, long salt) {
        long n = Math.floorMod(salt * 1_000_003L + index, 1_000_000_000L);
        String body = "91350100" + String.format("%09d", n);
        return body + checkCharacter(body);
    }

    static char checkCharacter(String code) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(code.charAt(i)) * WEIGHTS[i];
        }
        return ALPHABET.charAt((31 - sum % 31) % 31);
    }
}

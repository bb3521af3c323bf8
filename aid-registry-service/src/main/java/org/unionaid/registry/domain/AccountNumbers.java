package org.unionaid.registry.domain;

/**
 * Bank account numbers: 12 to 30 digits. The mask keeps at least 8 digits hidden whatever the length, so that
 * no masked form, with the bank's name (which gives the first digits, the bank's BIN) and the Luhn check digit
 * of card numbers, narrows the number down to a few guesses.
 */
public final class AccountNumbers {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 30;
    /** From this length on the first 4 digits are shown too; below it only the last 4. */
    static final int SHOW_FIRST_FROM = 16;
    private static final int SHOWN = 4;

    private AccountNumbers() {
    }

    /**
     * {@code 6222********1234} for 16 digits and more (first 4, last 4: 8 or more hidden); {@code ********1234}
     * for 12 to 15 digits (last 4 only: 8 to 11 hidden; first 4 and last 4 of 12 digits would hide only 4).
     */
    public static String mask(String number) {
        int length = number.length();
        int first = length >= SHOW_FIRST_FROM ? SHOWN : 0;
        return number.substring(0, first) + "*".repeat(length - first - SHOWN) + number.substring(length - SHOWN);
    }
}

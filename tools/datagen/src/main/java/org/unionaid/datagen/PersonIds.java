package org.unionaid.datagen;

import org.unionaid.common.identity.IdNumbers;

import java.time.LocalDate;

/**
 * Resident ID numbers (GB 11643, common's {@link IdNumbers}) for generated people: a bijection from a person's index to
 * (region, birth date, sequence), so every index has its own valid number and none repeats.
 */
final class PersonIds {

    private static final String[] REGIONS = {"350102", "350103", "350104", "350105", "350111", "350121",
            "350122", "350181", "430381", "360102", "440106"};
    private static final LocalDate FIRST_BIRTH = LocalDate.of(1958, 1, 1);
    private static final long DAYS = 16_000;   // births 1958..2001
    private static final long SPACE = REGIONS.length * DAYS * 1000;
    /** Coprime with SPACE: index * STEP mod SPACE visits every number once, in a scattered order. */
    private static final long STEP = 7_919L * 104_729L;

    private PersonIds() {
    }

    /** The ID number of person {@code index} of run {@code salt} (different runs, different people). */
    static String of(long index, long salt) {
        long n = Math.floorMod((index + Math.floorMod(salt, SPACE)) * STEP, SPACE);
        String region = REGIONS[(int) (n % REGIONS.length)];
        n /= REGIONS.length;
        LocalDate birth = FIRST_BIRTH.plusDays(n % DAYS);
        long sequence = n / DAYS;
        String body = region + String.format("%04d%02d%02d%03d", birth.getYear(), birth.getMonthValue(),
                birth.getDayOfMonth(), sequence);
        return body + IdNumbers.checkCharacter(body);
    }
}

package org.unionaid.disbursement.support;

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;

/** Resident ID numbers for tests: valid (common's {@link org.unionaid.common.identity.IdNumbers}), each one new. */
public final class IdNumbers {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private IdNumbers() {
    }

    /** A valid number no other call gives (birth dates from 1960 on, three sequence digits). */
    public static String fresh() {
        int n = NEXT.getAndIncrement();
        LocalDate birth = LocalDate.of(1960, 1, 1).plusDays(n / 900);
        String body = "440103" + birth.toString().replace("-", "") + String.format("%03d", 100 + n % 900);
        return body + org.unionaid.common.identity.IdNumbers.checkCharacter(body);
    }

    /** The same number with a wrong check character. */
    public static String wrongCheck(String valid) {
        char right = valid.charAt(17);
        return valid.substring(0, 17) + (right == '0' ? '1' : '0');
    }
}

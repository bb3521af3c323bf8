package org.unionaid.disbursement.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Yuan with two decimals, exact. */
public final class Money {

    public static final BigDecimal ZERO = new BigDecimal("0.00");

    private Money() {
    }

    public static BigDecimal of(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    /** Rounded down to the fen: a cap computed from a percentage never pays a fen too much. */
    public static BigDecimal floor(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.DOWN);
    }
}

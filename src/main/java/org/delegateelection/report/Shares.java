package org.delegateelection.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Shares as the Organization Department publishes them: a percent with one decimal, rounded half up (1 of 2,000 is
 * 0.1 %, 1 of 80 is 1.3 %).
 */
public final class Shares {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Shares() {
    }

    /**
     * {@code part} of {@code whole} as a percent with one decimal, rounded half up from the exact quotient.
     *
     * @return e.g. 33.6 for 771 of 2,296; {@code null} when {@code whole} is 0 (no share can be given)
     */
    public static BigDecimal percent(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part).multiply(HUNDRED).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }

    /** A count of people with its share: "771 名，占 33.6%", or "0 名" when {@code percent} is {@code null}. */
    public static String describe(long count, BigDecimal percent) {
        return count + " 名" + (percent == null ? "" : "，占 " + percent + "%");
    }

    /** A fraction (0.2900) as a percent with at least one decimal and no trailing zeros beyond it: "29.0%". */
    public static String fractionAsPercent(BigDecimal fraction) {
        BigDecimal percent = fraction.multiply(HUNDRED).stripTrailingZeros();
        return (percent.scale() < 1 ? percent.setScale(1) : percent).toPlainString() + "%";
    }
}

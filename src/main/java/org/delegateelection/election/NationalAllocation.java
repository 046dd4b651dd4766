package org.delegateelection.election;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The Central Committee's allocation of the national congress's seats to the electoral units (代表名额分配), as the
 * demo holds it for the 20th Congress: 38 units, 2,300 seats (中共中央《关于党的二十大代表选举工作的通知》,
 * November 2021), from the resource {@value #TWENTIETH}, one row per unit with its code, name, seats, the women's
 * share of its party members (provinces, regions and municipalities only) and its kind.
 *
 * @param units the units in the order of the allocation
 */
public record NationalAllocation(List<Unit> units) {

    /** The resource of the 20th Congress's allocation. */
    public static final String TWENTIETH = "national/allocation-20th.csv";

    /** The kinds of electoral unit, which decide which of the Centre's structure requirements apply to a unit. */
    public enum Kind {
        /** 省、自治区、直辖市. */
        PROVINCE("省区市"),
        /** 中央和国家机关. */
        CENTRAL_STATE_ORGANS("中央和国家机关"),
        /** 中央金融系统、中央企业系统 (in Beijing). */
        CENTRAL_FINANCE_AND_ENTERPRISES("中央金融系统和中央企业系统"),
        /** 中国人民解放军和中国人民武装警察部队. */
        ARMY("解放军和武警部队"),
        /** 香港、澳门特别行政区和台湾省籍. */
        HONG_KONG_MACAU_TAIWAN("港澳台");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The kind as the allocation's column 类别 writes it. */
        public String label() {
            return label;
        }

        /**
         * Whether the Centre requires of this kind at least one third frontline and at most two thirds leading cadres
         * among its delegates: provinces, the central financial system and the central enterprise system.
         */
        public boolean frontlineRequired() {
            return this == PROVINCE || this == CENTRAL_FINANCE_AND_ENTERPRISES;
        }

        /**
         * Whether the women's share of this kind's delegates must be above the women's share of its party members:
         * provinces, regions and municipalities only (the others elect "a certain number" of women).
         */
        public boolean womenAboveMembersRequired() {
            return this == PROVINCE;
        }

        static Kind of(String label) {
            return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("未知的选举单位类别：" + label));
        }
    }

    /**
     * One electoral unit of the allocation.
     *
     * @param code             its code, the tenant of its bodies, e.g. "zhejiang"
     * @param name             its name, e.g. 浙江省
     * @param seats            its seats
     * @param womenMemberShare the women's share of its party members, a fraction (0.334); {@code null} for a unit
     *                         that is not a province
     * @param kind             its kind
     */
    public record Unit(String code, String name, int seats, BigDecimal womenMemberShare, Kind kind) {
    }

    /** Copies the units. */
    public NationalAllocation {
        units = List.copyOf(units);
    }

    /**
     * The 20th Congress's allocation, read from the classpath.
     *
     * @throws IllegalStateException when the resource is missing or a row is malformed
     */
    public static NationalAllocation twentieth() {
        try (InputStream in = NationalAllocation.class.getClassLoader().getResourceAsStream(TWENTIETH)) {
            if (in == null) {
                throw new IllegalStateException("缺少名额分配表 " + TWENTIETH);
            }
            List<Unit> units = new ArrayList<>();
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String share = row.get("女党员比例(%)");
                units.add(new Unit(row.get("代码"), row.get("选举单位"), Integer.parseInt(row.get("名额")),
                        share.isBlank() ? null : new BigDecimal(share).divide(BigDecimal.valueOf(100), 4,
                                RoundingMode.UNNECESSARY), Kind.of(row.get("类别"))));
            }
            return new NationalAllocation(units);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("名额分配表 " + TWENTIETH + " 有误：" + e.getMessage(), e);
        }
    }

    /** The unit of this code. */
    public Optional<Unit> unit(String code) {
        return units.stream().filter(u -> u.code().equals(code)).findFirst();
    }

    /** The seats of all units. */
    public int seats() {
        return units.stream().mapToInt(Unit::seats).sum();
    }
}

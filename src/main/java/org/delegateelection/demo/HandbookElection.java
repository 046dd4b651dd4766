package org.delegateelection.demo;

import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.CandidateStatus;
import org.delegateelection.candidate.Category;
import org.delegateelection.candidate.Education;
import org.delegateelection.candidate.FrontlineKind;
import org.delegateelection.candidate.Gender;
import org.delegateelection.demo.DecisionPlan.CandidateReport;
import org.delegateelection.demo.DecisionPlan.Tally;
import org.delegateelection.demo.DecisionPlan.UnitNomination;
import org.delegateelection.election.ElectionUnit;
import org.delegateelection.national.SeatAllocation;
import org.delegateelection.election.RecommendingUnit;
import org.delegateelection.report.CompositionReport;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * The demo election: the province of the provincial handbook on the delegate election to the 20th National Congress,
 * with a fictional pool of people and the decisions of its bodies. The figures of the unit are those the handbook
 * gives under 《中共中央关于党的第二十次全国代表大会代表选举工作的通知》 (November 2021): 69 seats, 90 nominees over
 * 17 recommending units (51 leading cadres, 39 frontline, at least 27 women, 45 under 55 and 2 ethnic minorities),
 * at least 80 preliminary and 80 prospective candidates. Names, dates and details are generated from a fixed seed,
 * so every instance is equal; the people are fictional.
 *
 * <p>An election unit of another size is the handbook's scaled: the nominees who reach the prospective list and the
 * recommending units' nominee quotas in proportion to the seats, the few who drop out earlier, the people recommended
 * in addition, the minorities and the congress's electors as in the handbook. A unit of the national allocation is
 * generated the same way around delegates given to it ({@link #HandbookElection(SeatAllocation.Row, BigDecimal,
 * List)}, as {@link GeneratedUnits} shares the national figures out).
 */
public final class HandbookElection {

    /** The seed of the generator: the opening day of the 20th National Congress. */
    public static final long SEED = 20221016L;

    /** The handbook province's code, its electoral unit's in the national allocation. */
    public static final String CODE = "handbook-province";

    /** The handbook's seats. */
    public static final int HANDBOOK_SEATS = 69;

    /**
     * The seats of 38 election units of various sizes, 2,300 in all: as many units and delegates as the election to
     * the 20th National Congress had (中共中央《关于党的第二十次全国代表大会代表选举工作的通知》: 2,300 delegates,
     * elected by 38 election units), for many elections at once.
     */
    public static final List<Integer> THIRTY_EIGHT_UNITS = List.of(36, 36, 37, 37, 38, 38, 39, 39, 45, 45, 46, 47, 48,
            49, 50, 51, 52, 53, 54, 55, 56, 58, 60, 61, 62, 64, 66, 68, 69, 72, 75, 78, 82, 84, 90, 100, 110, 150);

    private static final LocalDate AGE_REFERENCE_DATE = LocalDate.of(2022, 6, 30);

    /** Recommending units: code, name, kinds of their nominees, kinds of the people they recommend in addition. */
    private static final List<UnitSpec> UNITS = List.of(
            new UnitSpec("city01", "东川市", "LLLLWTTO", "LTO"),
            new UnitSpec("city02", "西岭市", "LLLWTO", "LWO"),
            new UnitSpec("city03", "南浦市", "LLLWFO", "LFW"),
            new UnitSpec("city04", "北塘市", "LLLWO", "LO"),
            new UnitSpec("city05", "青河市", "LLFO", "LF"),
            new UnitSpec("city06", "白石市", "LLWT", "LW"),
            new UnitSpec("city07", "云泽市", "LLFO", "LO"),
            new UnitSpec("city08", "金沙市", "LLLO", "LT"),
            new UnitSpec("city09", "龙湾市", "LLWF", "LF"),
            new UnitSpec("city10", "凤鸣市", "LLTO", "LO"),
            new UnitSpec("city11", "桐山市", "LLLO", "LW"),
            new UnitSpec("city12", "梅岭市", "LLWF", "LT"),
            new UnitSpec("city13", "玉泉市", "LLTO", "LO"),
            new UnitSpec("organs", "省直机关", "LLLLLLLLLLOO", "LLLO"),
            new UnitSpec("universities", "在省高校", "LLTTT", "LT"),
            new UnitSpec("enterprises", "省属企业", "LLLWWTT", "LWT"),
            new UnitSpec("affiliated", "省直属单位", "LLLTT", "LT"));

    /**
     * The recommending units of the central units of the allocation, in the positions of {@link #UNITS} (whose slots
     * they take); the provinces' are the handbook's fictional cities and organs, those of Hong Kong, Macao and the
     * Taiwan-born "推荐组" by number.
     */
    private static final Map<String, List<String>> UNIT_NAMES = Map.of(
            "central-state-organs", List.of("中央办公厅", "中央组织部", "中央宣传部", "中央统战部", "中央对外联络部",
                    "中央政法委员会", "中央政策研究室", "全国人大常委会机关", "国务院办公厅", "全国政协机关", "外交部",
                    "国家发展和改革委员会", "科学技术部", "中央和国家机关工委机关", "教育部直属高校", "中央和国家机关所属企业",
                    "中央和国家机关直属事业单位"),
            "central-financial", List.of("中国人民银行", "中国银保监会", "中国证监会", "国家外汇管理局", "国家开发银行",
                    "中国进出口银行", "中国农业发展银行", "中国工商银行", "中国农业银行", "中国银行", "中国建设银行",
                    "交通银行", "中国人寿保险（集团）公司", "中央金融工委机关", "中国投资有限责任公司", "中国中信集团",
                    "中国光大集团"),
            "central-enterprises", List.of("国家电网", "中国石油", "中国石化", "中国海油", "中国移动", "中国建筑",
                    "中国中车", "中国宝武", "中国一汽", "中国华能", "国家能源集团", "中国电信", "招商局集团",
                    "中央企业工委机关", "中国航天科技集团", "中国电子科技集团", "中国商飞"),
            "pla", List.of("东部战区", "南部战区", "西部战区", "北部战区", "中部战区", "陆军", "海军", "空军", "火箭军",
                    "战略支援部队", "联勤保障部队", "武警部队", "军委直属机构", "中央军委机关", "国防大学",
                    "国防科技大学", "军事科学院"));

    private static final List<String> CHINESE_NUMBERS = List.of("一", "二", "三", "四", "五", "六", "七", "八", "九",
            "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七");

    /**
     * The nominees by how far they get: people, women, under 55 and, of these, under 45 at the age reference date.
     * Totals: 90 people, 51 L, 9 W, 5 F, 13 T, 12 O; 28 women; 52 under 55.
     */
    private static final List<ProfileRow> NOMINEES = List.of(
            new ProfileRow(Tier.ELECTED, Kind.L, 45, 9, 22, 2),
            new ProfileRow(Tier.ELECTED, Kind.W, 6, 2, 5, 3),
            new ProfileRow(Tier.ELECTED, Kind.F, 3, 1, 2, 1),
            new ProfileRow(Tier.ELECTED, Kind.T, 9, 6, 7, 4),
            new ProfileRow(Tier.ELECTED, Kind.O, 6, 4, 5, 3),
            new ProfileRow(Tier.NOT_ELECTED, Kind.L, 3, 1, 1, 0),
            new ProfileRow(Tier.NOT_ELECTED, Kind.W, 1, 0, 1, 1),
            new ProfileRow(Tier.NOT_ELECTED, Kind.F, 1, 0, 1, 0),
            new ProfileRow(Tier.NOT_ELECTED, Kind.T, 1, 1, 1, 0),
            new ProfileRow(Tier.NOT_ELECTED, Kind.O, 5, 1, 2, 1),
            new ProfileRow(Tier.NOT_PROSPECTIVE, Kind.L, 1, 0, 0, 0),
            new ProfileRow(Tier.NOT_PROSPECTIVE, Kind.O, 1, 1, 1, 0),
            new ProfileRow(Tier.NOT_PRELIMINARY, Kind.L, 1, 0, 0, 0),
            new ProfileRow(Tier.NOT_PRELIMINARY, Kind.W, 2, 1, 1, 0),
            new ProfileRow(Tier.NOT_PRELIMINARY, Kind.F, 1, 0, 1, 0),
            new ProfileRow(Tier.NOT_PRELIMINARY, Kind.T, 2, 1, 1, 0),
            new ProfileRow(Tier.UNSUITABLE, Kind.L, 1, 0, 0, 0),
            new ProfileRow(Tier.UNSUITABLE, Kind.T, 1, 0, 1, 0));

    private static final List<String> ELECTED_MINORITIES = List.of("回族", "满族", "蒙古族", "壮族");
    private static final List<String> NOT_ELECTED_MINORITIES = List.of("苗族");
    private static final List<String> NOT_NOMINATED_MINORITIES = List.of("回族");
    private static final int PROBATIONARY_MEMBERS = 2;

    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏"
            + "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private static final String MALE_GIVEN = "建国华军明伟强志勇涛斌刚辉鹏杰俊峰磊亮海东文宏波平兵林新忠振学永春晓宇浩凯飞毅";
    private static final String FEMALE_GIVEN = "丽芳娟敏静红霞燕玲英梅萍琳慧婷颖洁云华秀兰雪倩悦琴晶莉蓉佳晨";

    private final ElectionUnit unit;
    private final List<Candidate> candidates;
    private final DecisionPlan plan;

    /** Generates the election from {@link #SEED}; two instances are equal in every value. */
    public HandbookElection() {
        this(HANDBOOK_SEATS);
    }

    /**
     * Generates an election unit of {@code seats} seats from {@link #SEED}, the handbook's for 69 seats. The sizes of
     * {@link #THIRTY_EIGHT_UNITS} are tested to meet every structural quota; not every size does (with one person
     * moving a share by several points, a small list can miss the farmers' or technicians' share), and below 36 seats
     * the scaled tiers lack a woman farmer for the failing proposal.
     *
     * @throws IllegalArgumentException when seats is below 1
     */
    public HandbookElection(int seats) {
        if (seats < 1) {
            throw new IllegalArgumentException("代表名额应为正数：" + seats);
        }
        Random random = new Random(SEED);
        List<Profile> nominees = nomineeProfiles(scaledNominees(seats, seats), random);
        List<UnitSpec> units = scaledUnits(nominees);
        List<Placed> people = place(nominees, units, random);
        List<Candidate> pool = new ArrayList<>();
        Map<String, Tier> tiers = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        for (Placed person : people) {
            Candidate candidate = candidate("HB-%04d".formatted(pool.size() + 1), person, names, random);
            pool.add(candidate);
            tiers.put(candidate.id(), person.profile().tier());
        }
        this.unit = electionUnit(seats, units, nominees);
        this.candidates = List.copyOf(pool);
        this.plan = plan(pool, tiers, units, random);
    }

    /**
     * A unit of the national allocation, its elected delegates given: the people who reach the prospective list but
     * are not elected and those who drop out earlier are generated as for {@link #HandbookElection(int)} (from a seed
     * of the unit's code), with at least the women's share of the unit's party members and half under 55 among those
     * who reach the prospective list, so that every list the unit decides meets its structure rules when its
     * delegates do. Seats the delegates leave empty (fewer delegates than seats) are empty because the congress's
     * vote elects no more ({@link DecisionPlan#electedList()} shorter than the seats). Its recommending units are
     * the handbook's, coded {@code <unit>-<handbook code>} and named for the unit's kind; those left without a
     * nominee are dropped. Candidate ids are {@code <UNIT CODE>-0001} ….
     *
     * @param allocated        the unit as allocated
     * @param womenMemberShare the women's share of its party members to register (a fraction; the national share for
     *                         a unit that is not a province)
     * @param delegates        the delegates its congress elects, at most its seats, at least one
     * @throws IllegalArgumentException for no delegates or more than the seats
     */
    public HandbookElection(SeatAllocation.Row allocated, BigDecimal womenMemberShare, List<Delegate> delegates) {
        int seats = allocated.seats();
        if (delegates.isEmpty() || delegates.size() > seats) {
            throw new IllegalArgumentException(allocated.name() + "：当选代表应为 1 至 " + seats + " 名，收到 "
                    + delegates.size() + " 名");
        }
        Random random = new Random(SEED ^ allocated.code().hashCode());
        List<ProfileRow> rows = atLeastShares(scaledNominees(seats, delegates.size()).stream()
                .filter(r -> r.tier() != Tier.ELECTED).toList(), womenMemberShare);
        List<Profile> nominees = new ArrayList<>(delegates.stream().map(Profile::of).toList());
        nominees.addAll(profiles(rows, random));
        List<UnitSpec> units = scaledUnits(nominees).stream().filter(u -> !u.nominees().isEmpty())
                .map(u -> u.of(allocated)).toList();
        List<Placed> people = place(nominees, units, random);
        List<Candidate> pool = new ArrayList<>();
        Map<String, Tier> tiers = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        String prefix = allocated.code().toUpperCase(java.util.Locale.ROOT) + "-%04d";
        for (Placed person : people) {
            Candidate candidate = candidate(prefix.formatted(pool.size() + 1), person, names, random);
            pool.add(candidate);
            tiers.put(candidate.id(), person.profile().tier());
        }
        int minorities = (int) delegates.stream().filter(d -> !Candidate.HAN.equals(d.ethnicity())).count();
        this.unit = electionUnit(allocated.code(), allocated.name(), womenMemberShare, Math.min(2, minorities), seats,
                units, nominees);
        this.candidates = List.copyOf(pool);
        this.plan = plan(pool, tiers, units, random);
    }

    /**
     * A delegate as {@link GeneratedUnits} gives one to a unit: what the Organization Department's figures count.
     *
     * @param frontlineKind      the kind of a frontline delegate; {@code null} for a leading cadre
     * @param woman              a woman
     * @param age                age in whole years on the age reference date (2022-06-30)
     * @param ethnicity          ethnic group, e.g. 汉族
     * @param migrantWorker      a worker who is a migrant worker
     * @param education          highest education
     * @param provincialHonour   an honour at provincial level or above (frontline delegates)
     * @param joinedBeforeReform joined the party before the reform and opening (1978-12-18), at 18; otherwise after it
     */
    public record Delegate(FrontlineKind frontlineKind, boolean woman, int age, String ethnicity,
            boolean migrantWorker, Education education, boolean provincialHonour, boolean joinedBeforeReform) {
    }

    /** The election unit "示例省" (id 0, code "handbook-province") with its 17 recommending units. */
    public ElectionUnit unit() {
        return unit;
    }

    /**
     * The pool of recommended people (130 for the handbook's seats, status REGISTERED, ids "HB-0001" …): every
     * recommending unit recommends more people than its nominee quota. Two are probationary members, who may not be nominated.
     */
    public List<Candidate> candidates() {
        return candidates;
    }

    /** What the bodies decide at each step; every list satisfies the structural quotas of the unit. */
    public DecisionPlan plan() {
        return plan;
    }

    /**
     * The unit's figures: the nominee quota and the leading-cadre and frontline targets are the nominees' counts, the
     * least preliminary count the prospective list's size, the least women and under-55 nominees the counts less the
     * handbook's margins (one woman, seven under 55).
     */
    private static ElectionUnit electionUnit(int seats, List<UnitSpec> specs, List<Profile> nominees) {
        return electionUnit(CODE, "示例省", new BigDecimal("0.290"), 2, seats, specs, nominees);
    }

    private static ElectionUnit electionUnit(String code, String name, BigDecimal womenMemberShare, int minMinorities,
            int seats, List<UnitSpec> specs, List<Profile> nominees) {
        List<RecommendingUnit> units = specs.stream()
                .map(u -> new RecommendingUnit(u.code(), u.name(), u.nominees().length()))
                .toList();
        int leadingCadres = (int) nominees.stream().filter(p -> p.kind() == Kind.L).count();
        int prospective = (int) nominees.stream().filter(p -> p.tier().compareTo(Tier.NOT_PROSPECTIVE) > 0).count();
        int women = (int) nominees.stream().filter(Profile::woman).count();
        int under55 = (int) nominees.stream().filter(p -> p.age() < 55).count();
        return new ElectionUnit(0, code, name, seats, nominees.size(), prospective, womenMemberShare, minMinorities,
                leadingCadres, nominees.size() - leadingCadres, Math.max(0, women - 1), Math.max(0, under55 - 7),
                AGE_REFERENCE_DATE, true, units, false, 1);
    }

    /**
     * The nominee rows for {@code seats} seats: the elected, exactly the seats, and those who reach the prospective list
     * but are not elected, more than 15 % of the seats and at least the handbook's 80 of 69 scaled, each shared out
     * over the kinds in the handbook's proportions with their women and ages; the rows of those who drop out earlier
     * as they are.
     */
    private static List<ProfileRow> scaledNominees(int seats, int elected) {
        int prospective = Math.max(scale(80, seats), seats + 15 * seats / 100 + 1);
        Map<Tier, Integer> totals = Map.of(Tier.ELECTED, elected, Tier.NOT_ELECTED, prospective - elected);
        Map<Tier, Deque<Integer>> people = new EnumMap<>(Tier.class);
        totals.forEach((tier, total) -> people.put(tier, new ArrayDeque<>(IntStream.of(apportion(total,
                NOMINEES.stream().filter(r -> r.tier() == tier).mapToInt(ProfileRow::people).toArray())).boxed()
                .toList())));
        List<ProfileRow> rows = new ArrayList<>();
        for (ProfileRow row : NOMINEES) {
            if (!totals.containsKey(row.tier())) {
                rows.add(row);
                continue;
            }
            int size = people.get(row.tier()).pop();
            rows.add(new ProfileRow(row.tier(), row.kind(), size, scale(row.women(), size, row.people()),
                    scale(row.under55(), size, row.people()), scale(row.under45(), size, row.people())));
        }
        return rows;
    }

    /**
     * The rows with more women and more people under 55 where a tier that reaches the prospective list has fewer
     * than the women's share (rounded up) or half (rounded up) of its people: men become women, older people
     * younger, in the rows of most room first.
     */
    private static List<ProfileRow> atLeastShares(List<ProfileRow> rows, BigDecimal womenShare) {
        List<ProfileRow> result = new ArrayList<>(rows);
        for (Tier tier : List.of(Tier.NOT_ELECTED, Tier.NOT_PROSPECTIVE)) {
            int people = result.stream().filter(r -> r.tier() == tier).mapToInt(ProfileRow::people).sum();
            int women = womenShare.multiply(BigDecimal.valueOf(people)).setScale(0, java.math.RoundingMode.CEILING)
                    .intValueExact();
            int young = (people + 1) / 2;
            while (result.stream().filter(r -> r.tier() == tier).mapToInt(ProfileRow::women).sum() < women) {
                ProfileRow row = roomiest(result, tier, r -> r.people() - r.women());
                result.set(result.indexOf(row), new ProfileRow(tier, row.kind(), row.people(), row.women() + 1,
                        row.under55(), row.under45()));
            }
            while (result.stream().filter(r -> r.tier() == tier).mapToInt(ProfileRow::under55).sum() < young) {
                ProfileRow row = roomiest(result, tier, r -> r.people() - r.under55());
                result.set(result.indexOf(row), new ProfileRow(tier, row.kind(), row.people(), row.women(),
                        row.under55() + 1, row.under45()));
            }
        }
        return result;
    }

    private static ProfileRow roomiest(List<ProfileRow> rows, Tier tier,
                                       java.util.function.ToIntFunction<ProfileRow> room) {
        return rows.stream().filter(r -> r.tier() == tier).max(Comparator.comparingInt(room)).orElseThrow();
    }

    /** {@code count} of the handbook's 69 seats scaled to {@code seats}, rounded half up. */
    private static int scale(int count, int seats) {
        return scale(count, seats, HANDBOOK_SEATS);
    }

    /** {@code count} of {@code of} scaled to {@code to}, rounded half up. */
    private static int scale(int count, int to, int of) {
        return (2 * count * to + of) / (2 * of);
    }

    /**
     * {@code total} shared out in proportion to {@code weights} by the largest remainder, the earlier first on a tie;
     * the weights themselves when they sum to the total.
     */
    static int[] apportion(int total, int[] weights) {
        long sum = IntStream.of(weights).sum();
        int[] shares = new int[weights.length];
        long[] remainders = new long[weights.length];
        int given = 0;
        for (int i = 0; i < weights.length; i++) {
            shares[i] = (int) (weights[i] * (long) total / sum);
            remainders[i] = weights[i] * (long) total % sum;
            given += shares[i];
        }
        List<Integer> order = IntStream.range(0, weights.length).boxed()
                .sorted(Comparator.comparingLong((Integer i) -> -remainders[i])).toList();
        for (int i = 0; i < total - given; i++) {
            shares[order.get(i)]++;
        }
        return shares;
    }

    /**
     * The recommending units with nominee slots for these nominees: of each kind, the nominees shared out over the
     * units in proportion to the handbook's slots of that kind (largest remainder, earlier unit first on a tie); a
     * unit keeps its first slots of a kind and gains new ones at the end.
     */
    private static List<UnitSpec> scaledUnits(List<Profile> nominees) {
        Map<Kind, int[]> shares = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            int total = (int) nominees.stream().filter(p -> p.kind() == kind).count();
            shares.put(kind, apportion(total, UNITS.stream().mapToInt(u -> slots(u, kind)).toArray()));
        }
        List<UnitSpec> units = new ArrayList<>();
        for (int u = 0; u < UNITS.size(); u++) {
            UnitSpec unit = UNITS.get(u);
            StringBuilder slots = new StringBuilder();
            Map<Kind, Integer> kept = new EnumMap<>(Kind.class);
            for (char letter : unit.nominees().toCharArray()) {
                Kind kind = Kind.of(letter);
                if (kept.merge(kind, 1, Integer::sum) <= shares.get(kind)[u]) {
                    slots.append(letter);
                }
            }
            for (Kind kind : Kind.values()) {
                slots.append(kind.name().repeat(Math.max(0, shares.get(kind)[u] - slots(unit, kind))));
            }
            units.add(new UnitSpec(unit.code(), unit.name(), slots.toString(), unit.extras()));
        }
        return units;
    }

    private static int slots(UnitSpec unit, Kind kind) {
        return (int) unit.nominees().chars().filter(c -> c == kind.name().charAt(0)).count();
    }

    /**
     * The nominees of the rows (90 for the handbook) with the attributes the quotas count; one elected worker is a migrant worker, and the ethnic
     * minorities are spread at random over their tier.
     */
    private static List<Profile> nomineeProfiles(List<ProfileRow> rows, Random random) {
        List<Profile> profiles = profiles(rows, random);
        int worker = IntStream.range(0, profiles.size())
                .filter(i -> profiles.get(i).tier() == Tier.ELECTED && profiles.get(i).kind() == Kind.W)
                .findFirst().orElseThrow();
        profiles.set(worker, profiles.get(worker).asMigrantWorker());
        spreadMinorities(profiles, p -> p.tier() == Tier.ELECTED, ELECTED_MINORITIES, random);
        spreadMinorities(profiles, p -> p.tier() == Tier.NOT_ELECTED, NOT_ELECTED_MINORITIES, random);
        return profiles;
    }

    /** The people of the rows, Han, full members, with random ages in their bands and women shuffled. */
    private static List<Profile> profiles(List<ProfileRow> rows, Random random) {
        List<Profile> profiles = new ArrayList<>();
        for (ProfileRow row : rows) {
            List<Boolean> women = new ArrayList<>();
            for (int i = 0; i < row.people(); i++) {
                women.add(i < row.women());
            }
            Collections.shuffle(women, random);
            for (int i = 0; i < row.people(); i++) {
                int age = i < row.under45() ? 38 + random.nextInt(7)
                        : i < row.under55() ? 45 + random.nextInt(10)
                        : 55 + random.nextInt(8);
                profiles.add(new Profile(row.tier(), row.kind(), women.get(i), age, Candidate.HAN, true, false,
                        null));
            }
        }
        return profiles;
    }

    private static void spreadMinorities(List<Profile> profiles, Predicate<Profile> among, List<String> ethnicities,
                                         Random random) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < profiles.size(); i++) {
            if (among.test(profiles.get(i))) {
                indexes.add(i);
            }
        }
        Collections.shuffle(indexes, random);
        for (int i = 0; i < ethnicities.size(); i++) {
            int index = indexes.get(i);
            profiles.set(index, profiles.get(index).withEthnicity(ethnicities.get(i)));
        }
    }

    /**
     * Deals the nominees to the units' nominee slots by kind, adds the people each unit recommends in addition, and
     * returns everyone in unit order, shuffled within the unit.
     */
    private static List<Placed> place(List<Profile> nominees, List<UnitSpec> units, Random random) {
        Map<Kind, Deque<Profile>> byKind = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            List<Profile> ofKind = new ArrayList<>(nominees.stream().filter(p -> p.kind() == kind).toList());
            Collections.shuffle(ofKind, random);
            byKind.put(kind, new ArrayDeque<>(ofKind));
        }
        List<Placed> extras = new ArrayList<>();
        for (UnitSpec unit : units) {
            for (char letter : unit.extras().toCharArray()) {
                Kind kind = Kind.of(letter);
                Profile profile = new Profile(Tier.NOT_NOMINATED, kind, random.nextInt(10) < 3,
                        38 + random.nextInt(25), Candidate.HAN, true, kind == Kind.W && random.nextInt(10) < 3, null);
                extras.add(new Placed(profile, unit));
            }
        }
        Collections.shuffle(extras, random);
        for (int i = 0; i < NOT_NOMINATED_MINORITIES.size(); i++) {
            Placed person = extras.get(i);
            extras.set(i, new Placed(person.profile().withEthnicity(NOT_NOMINATED_MINORITIES.get(i)), person.unit()));
        }
        List<Placed> youngestFrontline = extras.stream()
                .filter(p -> p.profile().kind() != Kind.L)
                .sorted(Comparator.comparingInt(p -> p.profile().age()))
                .limit(PROBATIONARY_MEMBERS)
                .toList();
        for (Placed person : youngestFrontline) {
            extras.set(extras.indexOf(person), new Placed(person.profile().probationary(), person.unit()));
        }
        List<Placed> placed = new ArrayList<>();
        for (UnitSpec unit : units) {
            List<Placed> ofUnit = new ArrayList<>();
            for (char letter : unit.nominees().toCharArray()) {
                ofUnit.add(new Placed(byKind.get(Kind.of(letter)).pop(), unit));
            }
            extras.stream().filter(p -> p.unit() == unit).forEach(ofUnit::add);
            Collections.shuffle(ofUnit, random);
            placed.addAll(ofUnit);
        }
        return placed;
    }

    private static Candidate candidate(String id, Placed person, Set<String> names, Random random) {
        Profile profile = person.profile();
        Kind kind = profile.kind();
        LocalDate latestBirth = AGE_REFERENCE_DATE.minusYears(profile.age());
        LocalDate birthDate = latestBirth.minusDays(random.nextInt(365));
        LocalDate joinedPartyOn;
        if (profile.fullMember()) {
            int joiningAge = Math.min(18 + random.nextInt(kind == Kind.L ? 10 : 20), profile.age() - 3);
            joinedPartyOn = birthDate.plusYears(joiningAge).plusDays(1 + random.nextInt(360));
        } else {
            joinedPartyOn = AGE_REFERENCE_DATE.minusDays(30 + random.nextInt(300));
        }
        Delegate given = profile.given();
        if (given != null && given.joinedBeforeReform()) {
            joinedPartyOn = birthDate.plusYears(18).plusDays(1 + joinedPartyOn.getDayOfYear() % 90);
        } else if (given != null && joinedPartyOn.isBefore(CompositionReport.REFORM_AND_OPENING)) {
            joinedPartyOn = CompositionReport.REFORM_AND_OPENING.plusDays(joinedPartyOn.getDayOfYear());
        }
        boolean frontline = kind != Kind.L;
        // drawn in the order the handbook's pool was first generated with
        String name = name(profile.woman(), names, random);
        Education education = education(kind, random);
        String sector = sector(person.unit().role(), kind, random);
        String level = level(kind, profile.age(), random);
        boolean npcDeputy = random.nextInt(100) < 6;
        boolean cppccMember = random.nextInt(100) < 3;
        boolean honour = frontline && random.nextInt(100) < 85;
        return new Candidate(
                id,
                name,
                profile.woman() ? Gender.FEMALE : Gender.MALE,
                profile.ethnicity(),
                birthDate,
                joinedPartyOn,
                profile.fullMember(),
                given != null ? given.education() : education,
                frontline ? Category.FRONTLINE : Category.LEADING_CADRE,
                kind.frontlineKind,
                profile.migrantWorker(),
                sector,
                level,
                person.unit().code(),
                npcDeputy,
                cppccMember,
                given != null ? given.provincialHonour() : honour,
                CandidateStatus.REGISTERED);
    }

    private static String name(boolean woman, Set<String> taken, Random random) {
        String given = woman ? FEMALE_GIVEN : MALE_GIVEN;
        String name;
        do {
            StringBuilder builder = new StringBuilder().append(SURNAMES.charAt(random.nextInt(SURNAMES.length())));
            int length = random.nextInt(10) < 7 ? 2 : 1;
            for (int i = 0; i < length; i++) {
                builder.append(given.charAt(random.nextInt(given.length())));
            }
            name = builder.toString();
        } while (name.length() == 3 && name.charAt(1) == name.charAt(2) || !taken.add(name));
        return name;
    }

    private static Education education(Kind kind, Random random) {
        int roll = random.nextInt(100);
        return switch (kind) {
            case L -> roll < 65 ? Education.POSTGRADUATE : Education.UNIVERSITY;
            case T -> roll < 70 ? Education.POSTGRADUATE : Education.UNIVERSITY;
            case O -> roll < 20 ? Education.POSTGRADUATE : roll < 80 ? Education.UNIVERSITY : Education.COLLEGE;
            case W, F -> roll < 25 ? Education.UNIVERSITY : roll < 75 ? Education.COLLEGE : Education.OTHER;
        };
    }

    private static String sector(String unitCode, Kind kind, Random random) {
        return switch (kind) {
            case W -> "企业";
            case F -> "农业";
            case O -> unitCode.equals("organs") ? "农业" : pick(random, "社区", "社区", "农业");
            case T -> switch (unitCode) {
                case "universities" -> pick(random, "教育", "科研");
                case "enterprises" -> pick(random, "企业", "科研");
                case "affiliated" -> pick(random, "卫生", "科研");
                default -> pick(random, "卫生", "教育", "科研", "企业", "金融");
            };
            case L -> switch (unitCode) {
                case "universities" -> "教育";
                case "enterprises" -> pick(random, "企业", "企业", "金融");
                case "affiliated" -> pick(random, "科研", "卫生");
                default -> "党政机关";
            };
        };
    }

    private static String level(Kind kind, int age, Random random) {
        return switch (kind) {
            case L -> age >= 48 && random.nextInt(10) < 7 ? "厅局级" : "县处级";
            case O -> "乡科级";
            case W, F, T -> "无";
        };
    }

    private static String pick(Random random, String... options) {
        return options[random.nextInt(options.length)];
    }

    private static DecisionPlan plan(List<Candidate> pool, Map<String, Tier> tiers, List<UnitSpec> units,
                                     Random random) {
        List<UnitNomination> nominations = new ArrayList<>();
        for (UnitSpec unit : units) {
            int quota = unit.nominees().length();
            int branches = quota * (1800 + random.nextInt(600));
            int members = branches * (16 + random.nextInt(10));
            List<String> nominees = pool.stream()
                    .filter(c -> c.recommendingUnit().equals(unit.code()))
                    .filter(c -> tiers.get(c.id()) != Tier.NOT_NOMINATED)
                    .map(Candidate::id)
                    .toList();
            nominations.add(new UnitNomination(unit.code(), branches, branches - random.nextInt(4), members,
                    members - members * (1 + random.nextInt(9)) / 1000, nominees));
        }
        List<String> inspection = idsBeyond(pool, tiers, Tier.NOT_NOMINATED);
        List<String> kept = idsBeyond(pool, tiers, Tier.UNSUITABLE);
        List<String> preliminary = idsBeyond(pool, tiers, Tier.NOT_PRELIMINARY);
        List<String> prospective = idsBeyond(pool, tiers, Tier.NOT_PROSPECTIVE);
        List<String> elected = idsBeyond(pool, tiers, Tier.NOT_ELECTED);

        Map<String, Integer> approvals = new LinkedHashMap<>();
        for (String id : prospective) {
            approvals.put(id, elected.contains(id) ? 560 + random.nextInt(210) : 180 + random.nextInt(200));
        }
        Tally tally = new Tally(800, 782, 782, 780, 4, approvals);

        List<Candidate> notPreliminary = pool.stream().filter(c -> tiers.get(c.id()) == Tier.NOT_PRELIMINARY).toList();
        Candidate reported = notPreliminary.stream().filter(c -> !c.frontline()).findFirst().orElseThrow();
        CandidateReport report = new CandidateReport(reported.id(),
                "来信反映该同志在担任领导职务期间违规收受管理服务对象礼金，并提供了具体时间、地点和在场人员。", true,
                "经纪检监察机关核实，反映的违规收受礼金问题属实，该同志不宜作为代表候选人人选，予以调整。");
        List<Candidate> electedCadres = pool.stream()
                .filter(c -> tiers.get(c.id()) == Tier.ELECTED && !c.frontline())
                .toList();
        Candidate objected = electedCadres.get(random.nextInt(electedCadres.size()));
        CandidateReport objection = new CandidateReport(objected.id(),
                "公示期间有党员反映该同志的亲属在其分管领域经商办企业。", false,
                "经组织部门会同有关单位核查，该同志亲属未在其分管领域经商办企业，反映问题不属实。");

        // the plenary committee: 76 members due, 72 present; the prospective candidates approved by more than half
        Map<String, Integer> plenaryApprovals = new LinkedHashMap<>();
        for (String id : preliminary) {
            plenaryApprovals.put(id, prospective.contains(id) ? 45 + random.nextInt(26) : 10 + random.nextInt(20));
        }
        Tally plenaryTally = new Tally(76, 72, 72, 72, 1, plenaryApprovals);

        return new DecisionPlan(nominations, inspection, kept,
                withFewerWomen(pool, preliminary, notPreliminary), preliminary, prospective, plenaryTally, elected,
                tally, report, objection);
    }

    /** Ids in pool order of everyone whose tier comes after the given one. */
    private static List<String> idsBeyond(List<Candidate> pool, Map<String, Tier> tiers, Tier tier) {
        return pool.stream().filter(c -> tiers.get(c.id()).compareTo(tier) > 0).map(Candidate::id).toList();
    }

    /**
     * The preliminary list with each frontline man kept after inspection in place of a woman of the same kind, where
     * the list has one (a small unit may lack her; only the handbook's drive plays this proposal).
     */
    private static List<String> withFewerWomen(List<Candidate> pool, List<String> preliminary,
                                               List<Candidate> notPreliminary) {
        List<String> proposal = new ArrayList<>(preliminary);
        for (Candidate man : notPreliminary) {
            if (!man.frontline() || man.woman()) {
                continue;
            }
            pool.stream()
                    .filter(c -> proposal.contains(c.id()) && c.woman() && c.frontlineKind() == man.frontlineKind())
                    .findFirst().ifPresent(woman -> proposal.set(proposal.indexOf(woman.id()), man.id()));
        }
        Collections.sort(proposal);
        return proposal;
    }

    /** How far a person gets, in order: each tier is on every list of the tiers before it. */
    private enum Tier { NOT_NOMINATED, UNSUITABLE, NOT_PRELIMINARY, NOT_PROSPECTIVE, NOT_ELECTED, ELECTED }

    /** Leading cadre, or a frontline worker, farmer, professional technician or other frontline person. */
    private enum Kind {
        L(null), W(FrontlineKind.WORKER), F(FrontlineKind.FARMER), T(FrontlineKind.PROFESSIONAL_TECHNICIAN),
        O(FrontlineKind.OTHER);

        private final FrontlineKind frontlineKind;

        Kind(FrontlineKind frontlineKind) {
            this.frontlineKind = frontlineKind;
        }

        static Kind of(char letter) {
            return valueOf(String.valueOf(letter));
        }
    }

    /**
     * A recommending unit: its code, name, nominee slots and people recommended in addition (by kind letter), and
     * the handbook unit it is modelled on (its code), which decides the sectors of its people.
     */
    private record UnitSpec(String code, String name, String nominees, String extras, String role) {

        UnitSpec(String code, String name, String nominees, String extras) {
            this(code, name, nominees, extras, code);
        }

        /** The same slots in a unit of the allocation: coded {@code <unit>-<role>}, named for the unit's kind. */
        UnitSpec of(SeatAllocation.Row allocated) {
            int position = IntStream.range(0, UNITS.size()).filter(i -> UNITS.get(i).code().equals(role))
                    .findFirst().orElseThrow();
            List<String> names = UNIT_NAMES.get(allocated.code());
            String unitName = names != null ? names.get(position)
                    : allocated.kind() == SeatAllocation.Kind.PROVINCE ? name
                    : allocated.name() + "第" + CHINESE_NUMBERS.get(position) + "推荐组";
            return new UnitSpec(allocated.code() + "-" + role, unitName, nominees, extras, role);
        }
    }

    private record ProfileRow(Tier tier, Kind kind, int people, int women, int under55, int under45) {
    }

    /** A person to generate; {@code given} holds what a delegate given by the national figures fixes, else null. */
    private record Profile(Tier tier, Kind kind, boolean woman, int age, String ethnicity, boolean fullMember,
                           boolean migrantWorker, Delegate given) {

        static Profile of(Delegate delegate) {
            Kind kind = Arrays.stream(Kind.values()).filter(k -> k.frontlineKind == delegate.frontlineKind())
                    .findFirst().orElseThrow();
            return new Profile(Tier.ELECTED, kind, delegate.woman(), delegate.age(), delegate.ethnicity(), true,
                    delegate.migrantWorker(), delegate);
        }

        Profile withEthnicity(String newEthnicity) {
            return new Profile(tier, kind, woman, age, newEthnicity, fullMember, migrantWorker, given);
        }

        Profile probationary() {
            return new Profile(tier, kind, woman, age, ethnicity, false, migrantWorker, given);
        }

        Profile asMigrantWorker() {
            return new Profile(tier, kind, woman, age, ethnicity, fullMember, true, given);
        }
    }

    private record Placed(Profile profile, UnitSpec unit) {
    }
}

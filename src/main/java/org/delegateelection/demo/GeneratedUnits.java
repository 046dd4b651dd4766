package org.delegateelection.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.Education;
import org.delegateelection.candidate.FrontlineKind;
import org.delegateelection.national.SeatAllocation;
import org.delegateelection.report.CompositionReport;

/**
 * The demo's national election: the 38 electoral units of the 20th Congress's allocation
 * ({@link NationalSeeder#allocation()}), the handbook province's election as {@link HandbookElection#HandbookElection()}
 * gives it and each of the other 37 generated around the delegates given to it
 * ({@link HandbookElection#HandbookElection(SeatAllocation.Row, BigDecimal, List)}), so that the delegates the 38
 * elect add up exactly to the figures the Organization Department published for the 20th Congress (September 2022):
 * 2,296 delegates, 771 frontline (192 workers of whom 26 migrant workers, 85 farmers, 266 professional technicians),
 * 619 women, 264 ethnic minorities of 40 groups, average age 52.2, 1,371 under 55, 434 under 45, 2,191 with college
 * or more (826 university, 1,210 postgraduate), 2,224 who joined the party after the reform and opening, 710
 * frontline delegates with provincial-or-higher honours.
 *
 * <p>What is left of each figure after the handbook province's delegates is shared out over the 37 units: the
 * counts the Centre sets a requirement on per unit (中共中央《关于党的二十大代表选举工作的通知》, November 2021) first
 * each unit's least — frontline one third (rounded up) where the frontline requirement applies and a fifth elsewhere,
 * women above the party members' share in a province and a tenth elsewhere, half under 55 — then the rest in
 * proportion to the delegates; the other figures in proportion, the ethnic minorities weighted towards the autonomous
 * regions and the provinces of many minorities. The 2,300 seats elect 2,296: four units ({@link #VACANT}) leave a
 * seat empty, their congress's presidium deciding after a shortfall to elect no more. Ages are whole years on
 * 2022-06-30, their sum 119,851 (52.2 × 2,296). Everything is drawn from fixed seeds: every instance is equal.
 */
public final class GeneratedUnits {

    /** Units that elect one delegate fewer than their seats: the 2,300 seats elected 2,296 delegates. */
    public static final Set<String> VACANT = Set.of("pla", "central-state-organs", "henan", "shandong");

    /** The figures published for the 20th Congress's delegates (中共中央组织部, September 2022). */
    static final int DELEGATES = 2296, FRONTLINE = 771, WORKERS = 192, MIGRANT_WORKERS = 26, FARMERS = 85,
            TECHNICIANS = 266, WOMEN = 619, MINORITIES = 264, UNDER_55 = 1371, UNDER_45 = 434, POSTGRADUATE = 1210,
            UNIVERSITY = 826, COLLEGE_OR_ABOVE = 2191, JOINED_AFTER_REFORM = 2224, HONOURED = 710;
    /** The ages' sum: 52.2 average over 2,296 delegates, the middle of the sums that round to it. */
    static final int AGE_SUM = 119_851;

    /** The 40 ethnic groups of the minority delegates. */
    static final List<String> ETHNIC_GROUPS = List.of("壮族", "回族", "满族", "维吾尔族", "苗族", "彝族", "土家族", "藏族",
            "蒙古族", "侗族", "布依族", "瑶族", "白族", "朝鲜族", "哈尼族", "黎族", "哈萨克族", "傣族", "畲族", "傈僳族",
            "东乡族", "仡佬族", "拉祜族", "佤族", "水族", "纳西族", "羌族", "土族", "仫佬族", "锡伯族", "柯尔克孜族", "景颇族",
            "达斡尔族", "撒拉族", "布朗族", "毛南族", "塔吉克族", "普米族", "阿昌族", "怒族");

    /** The ethnic groups of a unit's minority delegates, in turn; a unit without an entry takes 回族 and 满族. */
    private static final Map<String, List<String>> GROUPS_OF_UNIT = Map.ofEntries(
            Map.entry("xinjiang", List.of("维吾尔族", "哈萨克族", "回族", "柯尔克孜族", "蒙古族", "锡伯族", "塔吉克族")),
            Map.entry("xizang", List.of("藏族")),
            Map.entry("guangxi", List.of("壮族", "瑶族", "苗族", "侗族", "仫佬族", "毛南族")),
            Map.entry("ningxia", List.of("回族")),
            Map.entry("neimenggu", List.of("蒙古族", "达斡尔族", "满族", "回族")),
            Map.entry("qinghai", List.of("藏族", "回族", "土族", "撒拉族")),
            Map.entry("yunnan", List.of("彝族", "白族", "哈尼族", "傣族", "傈僳族", "佤族", "拉祜族", "纳西族", "景颇族",
                    "布朗族", "普米族", "阿昌族", "怒族")),
            Map.entry("guizhou", List.of("苗族", "布依族", "侗族", "土家族", "彝族", "仡佬族", "水族")),
            Map.entry("jilin", List.of("朝鲜族", "满族")),
            Map.entry("liaoning", List.of("满族", "蒙古族")),
            Map.entry("heilongjiang", List.of("满族", "朝鲜族", "蒙古族")),
            Map.entry("hainan", List.of("黎族")),
            Map.entry("gansu", List.of("回族", "藏族", "东乡族")),
            Map.entry("sichuan", List.of("彝族", "藏族", "羌族")),
            Map.entry("hunan", List.of("土家族", "苗族")),
            Map.entry("hubei", List.of("土家族")),
            Map.entry("chongqing", List.of("土家族", "苗族")),
            Map.entry("fujian", List.of("畲族")),
            Map.entry("zhejiang", List.of("畲族")),
            Map.entry("hebei", List.of("满族", "回族")));

    /** Weights of a unit's share of the minority delegates, per delegate; 1 for a unit without an entry. */
    private static final Map<String, Integer> MINORITY_WEIGHT = Map.of("xinjiang", 6, "xizang", 6, "guangxi", 6,
            "ningxia", 6, "neimenggu", 6, "qinghai", 6, "yunnan", 3, "guizhou", 3);

    private final SeatAllocation allocation;
    private final Map<String, HandbookElection> elections;

    /** Generates the 38 units' elections (the handbook's and 37 others) from fixed seeds. */
    public GeneratedUnits() {
        this.allocation = NationalSeeder.allocation();
        HandbookElection handbook = new HandbookElection();
        List<SeatAllocation.Row> others = allocation.rows().stream()
                .filter(u -> !u.code().equals(handbook.unit().code())).toList();
        List<List<HandbookElection.Delegate>> delegates = delegates(others, elected(handbook));
        Map<String, HandbookElection> generated = new LinkedHashMap<>();
        for (SeatAllocation.Row unit : allocation.rows()) {
            int i = others.indexOf(unit);
            generated.put(unit.code(), i < 0 ? handbook
                    : new HandbookElection(unit, womenMemberShare(unit), delegates.get(i)));
        }
        this.elections = Collections.unmodifiableMap(generated);
    }

    /** The allocation the elections are generated for. */
    public SeatAllocation allocation() {
        return allocation;
    }

    /** The election of every unit, by code, in the order of the allocation. */
    public Map<String, HandbookElection> elections() {
        return elections;
    }

    /**
     * The election of the unit {@code code}.
     *
     * @throws IllegalArgumentException for a code not in the allocation
     */
    public HandbookElection of(String code) {
        HandbookElection election = elections.get(code);
        if (election == null) {
            throw new IllegalArgumentException("名额分配表中没有选举单位 " + code);
        }
        return election;
    }

    /** The candidates a unit's plan elects. */
    public static List<Candidate> elected(HandbookElection election) {
        Set<String> ids = Set.copyOf(election.plan().electedList());
        return election.candidates().stream().filter(c -> ids.contains(c.id())).toList();
    }

    /** The women's share to register for a unit: its party members' share, or the national one for a unit not a province. */
    public static BigDecimal womenMemberShare(SeatAllocation.Row unit) {
        return unit.womenMemberShare() != null ? unit.womenMemberShare()
                : SeatAllocation.NATIONAL_WOMEN_SHARE.movePointLeft(2);
    }

    /**
     * The changes to the shipped quota rules a generated unit registers with (as {@code ruleOverrides} of an
     * election request): the Centre's per-unit requirements reported, not blocking, where they do not apply to the
     * unit's kind (frontline and leading cadres outside the provinces and the central financial and enterprise
     * systems; the women's share outside the provinces); and for every generated unit the workers', farmers' and
     * professional technicians' shares "roughly equal to the last congress" reported only, a requirement on the
     * national figures (a unit of 16 or 18 seats cannot come within 2 points of 8.7 % workers), which the national
     * roll-up shows.
     */
    public static Map<String, Map<String, Object>> ruleOverrides(SeatAllocation.Kind kind) {
        Map<String, Map<String, Object>> overrides = new LinkedHashMap<>();
        for (String rule : List.of("workersShare", "farmersShare", "techniciansShare")) {
            overrides.put(rule, Map.of("blocking", false));
        }
        if (!kind.frontlineRequired()) {
            overrides.put("leadingCadreMaxShare", Map.of("blocking", false));
            overrides.put("frontlineMinShare", Map.of("blocking", false));
        }
        if (!kind.womenAboveMembersRequired()) {
            overrides.put("womenShare", Map.of("blocking", false));
        }
        return overrides;
    }

    /** The delegates of each of the units: what is left of the published figures after {@code taken}. */
    private static List<List<HandbookElection.Delegate>> delegates(List<SeatAllocation.Row> units,
            List<Candidate> taken) {
        LocalDate on = LocalDate.of(2022, 6, 30);
        int[] n = units.stream().mapToInt(u -> u.seats() - (VACANT.contains(u.code()) ? 1 : 0)).toArray();
        if (IntStream.of(n).sum() + taken.size() != DELEGATES) {
            throw new IllegalStateException("名额减去空缺与当选代表总数不符");
        }
        int[] frontline = atLeast(FRONTLINE - count(taken, Candidate::frontline), units, n,
                (u, size) -> u.kind().frontlineRequired() ? (size + 2) / 3 : size / 5);
        int[] women = atLeast(WOMEN - count(taken, Candidate::woman), units, n,
                (u, size) -> u.kind().womenAboveMembersRequired()
                        ? u.womenMemberShare().multiply(BigDecimal.valueOf(size)).intValue() + 1 : (size + 9) / 10);
        int[] under55 = atLeast(UNDER_55 - count(taken, c -> c.ageOn(on) < 55), units, n, (u, size) -> (size + 1) / 2);
        int[] under45 = HandbookElection.apportion(UNDER_45 - count(taken, c -> c.ageOn(on) < 45), n);
        int[] beforeReform = HandbookElection.apportion(DELEGATES - JOINED_AFTER_REFORM
                - count(taken, c -> c.joinedPartyOn().isBefore(CompositionReport.REFORM_AND_OPENING)), n);
        int[] minorities = HandbookElection.apportion(MINORITIES - count(taken, Candidate::minority),
                IntStream.range(0, n.length).map(i -> n[i] * MINORITY_WEIGHT.getOrDefault(units.get(i).code(), 1))
                        .toArray());

        // frontline delegates by kind, migrant workers first, the honours' few gaps evenly spread
        List<FrontlineKind> kinds = new ArrayList<>();
        int workers = WORKERS - kind(taken, FrontlineKind.WORKER);
        int farmers = FARMERS - kind(taken, FrontlineKind.FARMER);
        int technicians = TECHNICIANS - kind(taken, FrontlineKind.PROFESSIONAL_TECHNICIAN);
        int allFrontline = IntStream.of(frontline).sum();
        kinds.addAll(Collections.nCopies(workers, FrontlineKind.WORKER));
        kinds.addAll(Collections.nCopies(farmers, FrontlineKind.FARMER));
        kinds.addAll(Collections.nCopies(technicians, FrontlineKind.PROFESSIONAL_TECHNICIAN));
        kinds.addAll(Collections.nCopies(allFrontline - workers - farmers - technicians, FrontlineKind.OTHER));
        int migrants = MIGRANT_WORKERS - count(taken, Candidate::migrantWorker);
        int withoutHonour = allFrontline - (HONOURED - count(taken, c -> c.frontline() && c.provincialHonour()));
        List<int[]> tokens = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            boolean gap = (long) (i + 1) * withoutHonour / allFrontline > (long) i * withoutHonour / allFrontline;
            tokens.add(new int[] {kinds.get(i).ordinal(), i < migrants ? 1 : 0, gap ? 0 : 1});
        }
        List<List<int[]>> frontlineOf = deal(tokens, frontline);

        // education, best first
        List<Education> educations = new ArrayList<>();
        int postgraduate = POSTGRADUATE - count(taken, c -> c.education() == Education.POSTGRADUATE);
        int university = UNIVERSITY - count(taken, c -> c.education() == Education.UNIVERSITY);
        int college = COLLEGE_OR_ABOVE - POSTGRADUATE - UNIVERSITY - count(taken, c -> c.education() == Education.COLLEGE);
        educations.addAll(Collections.nCopies(postgraduate, Education.POSTGRADUATE));
        educations.addAll(Collections.nCopies(university, Education.UNIVERSITY));
        educations.addAll(Collections.nCopies(college, Education.COLLEGE));
        educations.addAll(Collections.nCopies(IntStream.of(n).sum() - educations.size(), Education.OTHER));
        List<List<Education>> educationOf = deal(educations, n);

        List<List<Draft>> drafts = new ArrayList<>();
        for (int u = 0; u < units.size(); u++) {
            Random random = new Random(HandbookElection.SEED * 31 + units.get(u).code().hashCode());
            List<Draft> people = new ArrayList<>();
            for (int[] token : frontlineOf.get(u)) {
                people.add(new Draft(FrontlineKind.values()[token[0]], token[1] == 1, token[2] == 1));
            }
            while (people.size() < n[u]) {
                people.add(new Draft(null, false, false));
            }
            // the best educated are leading cadres and technicians first, then the other frontline people
            List<Draft> byEducation = new ArrayList<>(people);
            Collections.shuffle(byEducation, random);
            byEducation.sort(Comparator.comparingInt(Draft::educationRank));
            for (int i = 0; i < byEducation.size(); i++) {
                byEducation.get(i).education = educationOf.get(u).get(i);
            }
            List<Draft> shuffled = new ArrayList<>(people);
            Collections.shuffle(shuffled, random);
            for (int i = 0; i < women[u]; i++) {
                shuffled.get(i).woman = true;
            }
            Collections.shuffle(shuffled, random);
            List<String> groups = GROUPS_OF_UNIT.getOrDefault(units.get(u).code(), List.of("回族", "满族"));
            for (int i = 0; i < minorities[u]; i++) {
                shuffled.get(i).ethnicity = groups.get(i % groups.size());
            }
            Collections.shuffle(shuffled, random);
            for (int i = 0; i < shuffled.size(); i++) {
                Draft d = shuffled.get(i);
                if (i < under45[u]) {
                    d.band(36, 44, random);
                } else if (i < under55[u]) {
                    d.band(45, 54, random);
                } else if (i < shuffled.size() - beforeReform[u]) {
                    d.band(55, 61, random);
                } else {
                    d.band(62, 64, random);
                    d.beforeReform = true;
                }
            }
            drafts.add(people);
        }
        everyGroupOnce(drafts, taken);
        toAgeSum(drafts, AGE_SUM - taken.stream().mapToInt(c -> c.ageOn(on)).sum());
        return drafts.stream().map(people -> people.stream().map(Draft::delegate).toList()).toList();
    }

    /** Each unit's least {@code least(unit, size)}, and what is left of {@code total} in proportion to the sizes. */
    private static int[] atLeast(int total, List<SeatAllocation.Row> units, int[] n,
            java.util.function.ToIntBiFunction<SeatAllocation.Row, Integer> least) {
        int[] counts = IntStream.range(0, n.length).map(i -> least.applyAsInt(units.get(i), n[i])).toArray();
        int rest = total - IntStream.of(counts).sum();
        if (rest < 0) {
            throw new IllegalStateException("全国数字 " + total + " 不足以满足各单位的最低要求");
        }
        int[] extra = HandbookElection.apportion(rest, n);
        return IntStream.range(0, n.length).map(i -> Math.min(n[i], counts[i] + extra[i])).toArray();
    }

    /**
     * The items dealt out in their order to units of {@code counts} places each, every unit's places spread evenly
     * over the sequence (a unit's j-th place at (j + ½) / count, the earlier unit first on a tie), so that each unit
     * gets its share of every run of equal items.
     */
    private static <T> List<List<T>> deal(List<T> items, int[] counts) {
        List<int[]> places = new ArrayList<>();
        for (int u = 0; u < counts.length; u++) {
            for (int j = 0; j < counts[u]; j++) {
                places.add(new int[] {u, j});
            }
        }
        places.sort(Comparator.comparingDouble((int[] p) -> (p[1] + 0.5) / counts[p[0]]).thenComparingInt(p -> p[0]));
        if (places.size() != items.size()) {
            throw new IllegalStateException("分配数目不符：" + items.size() + " 项，" + places.size() + " 个位置");
        }
        List<List<T>> dealt = new ArrayList<>();
        for (int count : counts) {
            dealt.add(new ArrayList<>(count));
        }
        for (int i = 0; i < items.size(); i++) {
            dealt.get(places.get(i)[0]).add(items.get(i));
        }
        return dealt;
    }

    /**
     * Makes every one of the {@link #ETHNIC_GROUPS} occur among the delegates: a group missing takes a minority
     * delegate of a group that occurs more than once, from the units with the most minority delegates first.
     */
    private static void everyGroupOnce(List<List<Draft>> drafts, List<Candidate> taken) {
        Map<String, Integer> occurs = new HashMap<>();
        taken.stream().filter(Candidate::minority).forEach(c -> occurs.merge(c.ethnicity(), 1, Integer::sum));
        drafts.stream().flatMap(List::stream).filter(Draft::minority).forEach(d -> occurs.merge(d.ethnicity, 1,
                Integer::sum));
        List<Draft> minorities = drafts.stream()
                .sorted(Comparator.comparingLong((List<Draft> p) -> -p.stream().filter(Draft::minority).count()))
                .flatMap(List::stream).filter(Draft::minority).toList();
        for (String group : ETHNIC_GROUPS) {
            if (occurs.containsKey(group)) {
                continue;
            }
            Draft donor = minorities.stream().filter(d -> occurs.get(d.ethnicity) > 1).findFirst().orElseThrow();
            occurs.merge(donor.ethnicity, -1, Integer::sum);
            donor.ethnicity = group;
            occurs.put(group, 1);
        }
    }

    /** Moves ages by a year at a time, within each person's band, until they sum to {@code sum}. */
    private static void toAgeSum(List<List<Draft>> drafts, int sum) {
        List<Draft> everyone = drafts.stream().flatMap(List::stream).toList();
        int gap = sum - everyone.stream().mapToInt(d -> d.age).sum();
        while (gap != 0) {
            int before = gap;
            for (Draft d : everyone) {
                if (gap > 0 && d.age < d.oldest) {
                    d.age++;
                    gap--;
                } else if (gap < 0 && d.age > d.youngest) {
                    d.age--;
                    gap++;
                }
            }
            if (gap == before) {
                throw new IllegalStateException("年龄无法调整到合计 " + sum);
            }
        }
    }

    private static int count(List<Candidate> people, Predicate<Candidate> predicate) {
        return (int) people.stream().filter(predicate).count();
    }

    private static int kind(List<Candidate> people, FrontlineKind kind) {
        return count(people, c -> c.frontline() && c.frontlineKind() == kind);
    }

    /** A delegate being put together. */
    private static final class Draft {
        final FrontlineKind kind;
        final boolean migrantWorker;
        final boolean honour;
        Education education;
        boolean woman;
        String ethnicity = Candidate.HAN;
        int age;
        int youngest;
        int oldest;
        boolean beforeReform;

        Draft(FrontlineKind kind, boolean migrantWorker, boolean honour) {
            this.kind = kind;
            this.migrantWorker = migrantWorker;
            this.honour = honour;
        }

        int educationRank() {
            return kind == null || kind == FrontlineKind.PROFESSIONAL_TECHNICIAN ? 0 : kind == FrontlineKind.OTHER ? 1 : 2;
        }

        boolean minority() {
            return !Candidate.HAN.equals(ethnicity);
        }

        void band(int from, int to, Random random) {
            youngest = from;
            oldest = to;
            age = from + random.nextInt(to - from + 1);
        }

        HandbookElection.Delegate delegate() {
            return new HandbookElection.Delegate(kind, woman, age, ethnicity, migrantWorker, education, honour,
                    beforeReform);
        }
    }
}

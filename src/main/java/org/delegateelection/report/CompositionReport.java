package org.delegateelection.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;
import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.Education;
import org.delegateelection.candidate.FrontlineKind;

/**
 * The composition of a list of people (any stage, and the elected delegates) in the form the Organization Department
 * publishes (e.g. its summary of the 20th Congress's delegates, September 2022). Shares are percent of the whole list
 * with one decimal, rounded half up, except {@link #frontlineWithHonours()}, which is of the frontline people.
 * Periods of joining the party, by the date of joining:
 * <ul>
 *   <li>new-democratic revolution: before 1949-10-01;</li>
 *   <li>socialist revolution and construction: 1949-10-01 to 1978-12-17;</li>
 *   <li>reform and opening and socialist modernization: 1978-12-18 (the Third Plenum of the 11th Central Committee
 *       opened) to 2012-11-07;</li>
 *   <li>new era: from 2012-11-08 (the 18th Congress opened).</li>
 * </ul>
 * "Joined after the reform and opening" counts the last two.
 *
 * @param ageReferenceDate             the date ages are counted on (Asia/Shanghai)
 * @param count                        people on the list
 * @param frontline                    production and work frontline (生产和工作第一线)
 * @param workers                      frontline workers (工人)
 * @param migrantWorkers               migrant workers among the workers (农民工), a count
 * @param farmers                      frontline farmers (农民)
 * @param professionalTechnicians      frontline professional technicians (专业技术人员)
 * @param women                        women
 * @param minorities                   ethnic minorities (anyone not 汉族)
 * @param minorityGroups               how many ethnic groups the minorities belong to
 * @param averageAge                   average of the ages in whole years, one decimal, half up; {@code null} for an
 *                                     empty list
 * @param under55                      under 55 years
 * @param under45                      under 45 years
 * @param collegeOrAbove               大专 and above
 * @param university                   大学
 * @param postgraduate                 研究生
 * @param joinedBefore1949             joined before 1949-10-01
 * @param joined1949To1978             joined 1949-10-01 to 1978-12-17
 * @param joined1978To2012             joined 1978-12-18 to 2012-11-07
 * @param joinedSince2012              joined on or after 2012-11-08
 * @param joinedAfterReform            joined on or after 1978-12-18
 * @param frontlineWithHonours         frontline people with provincial-or-higher honours, share of the frontline
 */
public record CompositionReport(
        LocalDate ageReferenceDate,
        int count,
        Figure frontline,
        Figure workers,
        int migrantWorkers,
        Figure farmers,
        Figure professionalTechnicians,
        Figure women,
        Figure minorities,
        int minorityGroups,
        BigDecimal averageAge,
        Figure under55,
        Figure under45,
        Figure collegeOrAbove,
        Figure university,
        Figure postgraduate,
        Figure joinedBefore1949,
        Figure joined1949To1978,
        Figure joined1978To2012,
        Figure joinedSince2012,
        Figure joinedAfterReform,
        Figure frontlineWithHonours) {

    /** The founding of the People's Republic, 1949-10-01. */
    public static final LocalDate FOUNDING = LocalDate.of(1949, 10, 1);
    /** The opening of the Third Plenum of the 11th Central Committee, 1978-12-18. */
    public static final LocalDate REFORM_AND_OPENING = LocalDate.of(1978, 12, 18);
    /** The opening of the 18th National Congress, 2012-11-08. */
    public static final LocalDate EIGHTEENTH_CONGRESS = LocalDate.of(2012, 11, 8);

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    /**
     * A count and its share.
     *
     * @param count   people
     * @param percent share in percent, one decimal, half up (33.6); {@code null} when the base is empty
     */
    public record Figure(int count, BigDecimal percent) {

        static Figure of(long count, long base) {
            return new Figure(Math.toIntExact(count), Shares.percent(count, base));
        }

        /** "771 名，占 33.6%", or "0 名" when there is no share. */
        String text() {
            return Shares.describe(count, percent);
        }
    }

    /** The composition of the people, ages counted on the reference date. */
    public static CompositionReport of(List<Candidate> people, LocalDate ageReferenceDate) {
        int n = people.size();
        List<Candidate> frontline = people.stream().filter(Candidate::frontline).toList();
        return new CompositionReport(
                ageReferenceDate,
                n,
                Figure.of(frontline.size(), n),
                share(people, c -> kind(c, FrontlineKind.WORKER)),
                (int) people.stream().filter(c -> kind(c, FrontlineKind.WORKER) && c.migrantWorker()).count(),
                share(people, c -> kind(c, FrontlineKind.FARMER)),
                share(people, c -> kind(c, FrontlineKind.PROFESSIONAL_TECHNICIAN)),
                share(people, Candidate::woman),
                share(people, Candidate::minority),
                (int) people.stream().filter(Candidate::minority).map(Candidate::ethnicity).distinct().count(),
                n == 0 ? null : BigDecimal.valueOf(people.stream().mapToLong(c -> c.ageOn(ageReferenceDate)).sum())
                        .divide(BigDecimal.valueOf(n), 1, RoundingMode.HALF_UP),
                share(people, c -> c.ageOn(ageReferenceDate) < 55),
                share(people, c -> c.ageOn(ageReferenceDate) < 45),
                share(people, c -> c.education() != null && c.education().collegeOrAbove()),
                share(people, c -> c.education() == Education.UNIVERSITY),
                share(people, c -> c.education() == Education.POSTGRADUATE),
                share(people, c -> c.joinedPartyOn().isBefore(FOUNDING)),
                share(people, c -> joined(c, FOUNDING, REFORM_AND_OPENING)),
                share(people, c -> joined(c, REFORM_AND_OPENING, EIGHTEENTH_CONGRESS)),
                share(people, c -> joined(c, EIGHTEENTH_CONGRESS, LocalDate.MAX)),
                share(people, c -> joined(c, REFORM_AND_OPENING, LocalDate.MAX)),
                Figure.of(frontline.stream().filter(Candidate::provincialHonour).count(), frontline.size()));
    }

    /** The report in Chinese, one line per figure, e.g. "生产和工作第一线：771 名，占 33.6%". */
    public String toText() {
        return String.join("\n",
                "人数：" + count + " 名（年龄计算截至 " + ageReferenceDate + "）",
                "生产和工作第一线：" + frontline.text(),
                "其中工人：" + workers.text() + "（其中农民工 " + migrantWorkers + " 名）",
                "其中农民：" + farmers.text(),
                "其中专业技术人员：" + professionalTechnicians.text(),
                "女性：" + women.text(),
                "少数民族：" + minorities.text() + "，涉及 " + minorityGroups + " 个民族",
                "平均年龄：" + (averageAge == null ? "—" : averageAge + " 岁"),
                "55岁以下：" + under55.text(),
                "45岁以下：" + under45.text(),
                "大专以上学历：" + collegeOrAbove.text(),
                "其中大学：" + university.text(),
                "其中研究生：" + postgraduate.text(),
                "新民主主义革命时期入党（1949年10月1日前）：" + joinedBefore1949.text(),
                "社会主义革命和建设时期入党（1949年10月1日至1978年12月17日）：" + joined1949To1978.text(),
                "改革开放和社会主义现代化建设时期入党（1978年12月18日至2012年11月7日）：" + joined1978To2012.text(),
                "党的十八大以来入党（2012年11月8日起）：" + joinedSince2012.text(),
                "改革开放以后入党：" + joinedAfterReform.text(),
                "获省部级以上表彰的第一线人选：" + frontlineWithHonours.count() + " 名"
                        + (frontlineWithHonours.percent() == null ? ""
                                : "，占第一线人选的 " + frontlineWithHonours.percent() + "%")) + "\n";
    }

    /** The report as JSON: figures as {"count": n, "percent": p}, the date as "yyyy-MM-dd". */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Joined on or after {@code from} and before {@code until}. */
    private static boolean joined(Candidate candidate, LocalDate from, LocalDate until) {
        return !candidate.joinedPartyOn().isBefore(from) && candidate.joinedPartyOn().isBefore(until);
    }

    private static boolean kind(Candidate candidate, FrontlineKind kind) {
        return candidate.frontline() && candidate.frontlineKind() == kind;
    }

    private static Figure share(List<Candidate> people, Predicate<Candidate> predicate) {
        return Figure.of(people.stream().filter(predicate).count(), people.size());
    }
}

package org.delegateelection.national;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import org.delegateelection.election.ElectionRequest;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.PlainText;
import org.delegateelection.system.Problem;

/**
 * The Centre's notice of a congress's delegate election (中共中央关于代表选举工作的通知), as the Central Organization
 * Department enters it to start the national procedure: for the 20th Congress, 2,300 seats over 38 electoral units,
 * results reported by the end of June 2022 (中共中央《关于党的二十大代表选举工作的通知》, November 2021).
 *
 * @param code            the national procedure's code (its business key), e.g. {@code cpc20}; the pattern of
 *                        {@link ElectionRequest#CODE}
 * @param congressName    e.g. 中国共产党第二十次全国代表大会
 * @param totalSeats      seats of all units; the allocation must add up to it
 * @param unitCount       electoral units; the allocation must have as many rows
 * @param deadline        the day by which every unit reports its results (Asia/Shanghai)
 * @param progressCheckOn the day of the progress check, before the deadline: a unit that has not elected its
 *                        delegates by then (step 24 not reached) is reminded (催办)
 * @param requirements    the structure requirements as the notice words them (at most 4,000 characters)
 */
public record CongressNotice(String code, String congressName, Integer totalSeats, Integer unitCount,
        LocalDate deadline, LocalDate progressCheckOn, String requirements) {

    /** The most characters of the requirements' text. */
    public static final int MAX_REQUIREMENTS = 4000;

    /**
     * Checks every field.
     *
     * @param printable whether the documents can print a character (the congress's name and the requirements are
     *                  shown in the units' forms and documents)
     * @throws InvalidInputException naming every field at fault
     */
    public CongressNotice validate(IntPredicate printable) {
        List<Problem> problems = new ArrayList<>();
        if (code == null || !ElectionRequest.CODE.matcher(code).matches()) {
            problems.add(new Problem(null, "code", "代码须为1至64位小写字母、数字或连字符"));
        }
        text(problems, "congressName", congressName, 200, printable);
        text(problems, "requirements", requirements, MAX_REQUIREMENTS, printable);
        if (totalSeats == null || totalSeats < 1 || totalSeats > 100_000) {
            problems.add(new Problem(null, "totalSeats", "代表名额总数须为1至100000的整数"));
        }
        if (unitCount == null || unitCount < 1 || unitCount > 1000) {
            problems.add(new Problem(null, "unitCount", "选举单位数须为1至1000的整数"));
        }
        if (deadline == null) {
            problems.add(new Problem(null, "deadline", "须填写完成选举的截止日期（yyyy-MM-dd）"));
        }
        if (progressCheckOn == null) {
            problems.add(new Problem(null, "progressCheckOn", "须填写进度检查日（yyyy-MM-dd）"));
        } else if (deadline != null && !progressCheckOn.isBefore(deadline)) {
            problems.add(new Problem(null, "progressCheckOn", "进度检查日须早于截止日期 " + deadline));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("中央通知有误", problems);
        }
        return new CongressNotice(code, congressName.strip(), totalSeats, unitCount, deadline, progressCheckOn,
                requirements.strip());
    }

    private static void text(List<Problem> problems, String field, String value, int max, IntPredicate printable) {
        if (value == null || value.isBlank() || value.length() > max) {
            problems.add(new Problem(null, field, "不能为空，且不超过" + max + "字"));
        } else if (PlainText.problem(value, printable) != null) {
            problems.add(new Problem(null, field, PlainText.problem(value, printable)));
        }
    }
}

package org.delegateelection.national;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.PlainText;
import org.delegateelection.system.Problem;

/**
 * The credentials committee's review of one unit's elected delegates (代表资格审查: the national congress's credentials
 * committee reviews every delegate's credentials and reports which are valid, as the 20th Congress's committee did
 * for its 2,296 delegates, 二十大代表资格审查委员会的审查报告, October 2022): every elected delegate is either confirmed or found invalid with a reason; nobody else is named.
 */
public final class CredentialReview {

    /** The most characters of a reason. */
    public static final int MAX_REASON = 2000;

    private CredentialReview() {
    }

    /**
     * The delegates found invalid with their reasons, read from lines "人选编号,理由" (a reason may itself contain
     * commas): each of them elected and not confirmed, each once, each with a reason; every elected delegate who is
     * not confirmed must have a line.
     *
     * @param field     the field the lines come from, named in the problems
     * @param elected   the ids of the unit's elected delegates
     * @param confirmed the ids confirmed (a subset of the elected, checked by the caller)
     * @param text      the lines, or {@code null}/blank for none
     * @return id → reason, in the order of the lines
     * @throws InvalidInputException naming {@code field} and the line of every problem
     */
    public static Map<String, String> invalid(String field, Collection<String> elected, Collection<String> confirmed,
            String text) {
        Map<String, String> reasons = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        String[] lines = text == null ? new String[0] : text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("[,，\\t]", 2);
            String id = parts[0].strip();
            String reason = parts.length < 2 ? "" : parts[1].strip();
            String where = "第" + (i + 1) + "行：";
            if (!elected.contains(id)) {
                problems.add(new Problem(null, field, where + id + " 不是本单位的当选代表"));
            } else if (confirmed.contains(id)) {
                problems.add(new Problem(null, field, where + id + " 已确认资格有效，不能同时写明无效理由"));
            } else if (reasons.containsKey(id)) {
                problems.add(new Problem(null, field, where + id + " 重复"));
            } else if (reason.isEmpty() || reason.length() > MAX_REASON) {
                problems.add(new Problem(null, field, where + "须写明 " + id + " 资格无效的理由（不超过" + MAX_REASON + "字）"));
            } else if (PlainText.problem(reason) != null) {
                problems.add(new Problem(null, field, where + PlainText.problem(reason)));
            } else {
                reasons.put(id, reason);
            }
        }
        for (String id : elected) {
            if (!confirmed.contains(id) && !reasons.containsKey(id) && problems.stream()
                    .noneMatch(p -> p.reason().contains(id + " "))) {
                problems.add(new Problem(null, field, "当选代表 " + id + " 未确认资格有效，须写明资格无效的理由"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("代表资格审查有误", problems);
        }
        return reasons;
    }
}

package org.delegateelection.vote;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.delegateelection.system.Problem;

/** Finds every problem with a tally and its ballot before counting. */
final class TallyValidation {

    private final List<Problem> problems = new ArrayList<>();

    private TallyValidation() {
    }

    /** Every problem found, in field order; empty when the tally can be counted. */
    static List<Problem> problems(Tally tally, Ballot ballot) {
        TallyValidation validation = new TallyValidation();
        validation.check(tally, ballot);
        return validation.problems;
    }

    private void check(Tally tally, Ballot ballot) {
        Integer due = count("electorsDueToAttend", "应到会人数", tally.electorsDueToAttend());
        Integer present = count("electorsPresent", "实到会人数", tally.electorsPresent());
        Integer issued = count("ballotsIssued", "发出选票数", tally.ballotsIssued());
        Integer returned = count("ballotsReturned", "收回选票数", tally.ballotsReturned());
        Integer invalid = count("invalidBallots", "无效票数", tally.invalidBallots());
        if (due != null && due == 0) {
            add("electorsDueToAttend", "应到会人数须大于 0");
        }
        if (due != null && present != null && present > due) {
            add("electorsPresent", "实到会 %d 人，多于应到会的 %d 人".formatted(present, due));
        }
        if (present != null && issued != null && issued > present) {
            add("ballotsIssued", "发出选票 %d 张，多于实到会的 %d 人；未到会的选举人不能委托他人投票".formatted(issued, present));
        }
        Integer valid = null;
        if (returned != null && invalid != null) {
            if (invalid > returned) {
                add("invalidBallots", "无效票 %d 张，多于收回的 %d 张".formatted(invalid, returned));
            } else {
                valid = returned - invalid;
            }
        }
        if (!tally.boxes().isEmpty() && issued != null && returned != null
                && (tally.boxes().stream().mapToInt(Tally.Box::ballotsIssued).sum() != issued
                        || tally.boxes().stream().mapToInt(Tally.Box::ballotsReturned).sum() != returned)) {
            add("boxes", "各票箱发出票数之和、收回票数之和须与本轮发出选票数 %d、收回选票数 %d 相同".formatted(issued,
                    returned));
        }
        boolean ballotOk = checkBallot(ballot);
        checkApprovals(tally.approvals(), ballot, valid, ballotOk);
    }

    private boolean checkBallot(Ballot ballot) {
        int before = problems.size();
        List<String> ids = ballot.candidateIds();
        if (ids.isEmpty()) {
            add("candidateIds", "选票上没有候选人");
        }
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (!seen.add(id)) {
                add("candidateIds", "候选人 %s 在选票上出现了两次".formatted(id));
            }
        }
        if (ballot.seats() < 1) {
            add("seats", "应选名额须至少为 1，现为 %d".formatted(ballot.seats()));
        } else if (!ids.isEmpty() && ballot.seats() > ids.size()) {
            add("seats", "应选名额 %d 名，多于选票上的 %d 名候选人".formatted(ballot.seats(), ids.size()));
        }
        return problems.size() == before;
    }

    private void checkApprovals(Map<String, Integer> approvals, Ballot ballot, Integer valid, boolean ballotOk) {
        if (approvals == null) {
            add("approvals", "赞成票未填写；无人得票时填写空表");
            return;
        }
        long total = 0;
        for (Map.Entry<String, Integer> entry : approvals.entrySet()) {
            String id = entry.getKey();
            Integer count = entry.getValue();
            if (!ballot.candidateIds().contains(id) && !Ballot.isWriteIn(id)) {
                add("approvals", "%s 不是本轮选票上的候选人，不能计赞成票".formatted(id));
            } else if (count == null || count < 0) {
                add("approvals", "候选人 %s 的赞成票须为不小于 0 的整数，现为 %s".formatted(id, count));
            } else if (valid != null && count > valid) {
                add("approvals", "候选人 %s 的赞成票 %d 张，多于有效票 %d 张".formatted(id, count, valid));
            } else {
                total += count;
            }
        }
        if (valid != null && ballotOk && total > (long) valid * ballot.seats()) {
            add("approvals", "赞成票合计 %d 张，多于有效票 %d 张乘应选名额 %d（每张有效票最多赞成 %d 人）"
                    .formatted(total, valid, ballot.seats(), ballot.seats()));
        }
    }

    /** The value when present and not negative, otherwise {@code null} after recording the problem. */
    private Integer count(String field, String label, Integer value) {
        if (value == null) {
            add(field, label + "未填写");
            return null;
        }
        if (value < 0) {
            add(field, "%s不能为负数，现为 %d".formatted(label, value));
            return null;
        }
        return value;
    }

    private void add(String field, String reason) {
        problems.add(new Problem(null, field, reason));
    }
}

package org.delegateelection.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.delegateelection.nomination.NominationRepository;
import org.delegateelection.nomination.Participation;
import org.delegateelection.nomination.Support;
import org.delegateelection.system.Sheets;

/**
 * The support of the branch recommendation as an .xlsx workbook (推荐得票情况): the people ranked with their branches,
 * votes and share, those not yet in the registry marked; for one recommending unit also each grassroots committee's
 * participation. What the deciding bodies of steps 6 to 8 read beside their forms.
 */
final class SupportDocument {

    private final String title;
    private final Map<String, String> unitNames;
    private final NominationRepository.SupportReport report;

    /**
     * @param electionName the electoral unit's name, e.g. "示例省"
     * @param unitNames    the recommending units' names by code
     * @param report       the support of one unit or of the whole electoral unit
     */
    SupportDocument(String electionName, Map<String, String> unitNames, NominationRepository.SupportReport report) {
        this.unitNames = unitNames;
        this.report = report;
        this.title = electionName + (report.unitCode() == null ? "" : unitNames.get(report.unitCode()))
                + "第" + report.round() + "轮党支部推荐得票情况";
    }

    /** The file's title, also its name. */
    String title() {
        return title;
    }

    /** The workbook: the people ranked, then (for one unit) the grassroots committees. */
    byte[] xlsx() {
        Participation p = report.participation();
        String summary = p == null ? title + "（尚未上传党支部推荐情况）"
                : title + "：党支部 " + p.branchesTotal() + " 个，党员 " + p.membersTotal() + " 名，参加推荐 "
                        + p.membersParticipating() + " 名";
        List<List<?>> people = new ArrayList<>();
        for (Support s : report.people()) {
            people.add(List.of(s.rank(), s.name(), s.registered() ? s.candidateId() : "未入库",
                    s.birthDate() == null ? "" : s.birthDate().toString(), s.workplace() == null ? "" : s.workplace(),
                    unitNames.getOrDefault(s.unitCode(), s.unitCode()), s.branches(), s.votes(), s.takingPart(),
                    s.share() == null ? "" : s.share()));
        }
        Sheets sheets = new Sheets().sheet("推荐得票情况", summary, List.of("排名", "姓名", "人选编号", "出生日期",
                "工作单位", "推荐单位", "推荐党支部数", "得票数", "参加推荐党员数", "得票率（%）"), people);
        if (report.unitCode() != null) {
            List<List<?>> committees = new ArrayList<>();
            report.committees().forEach(c -> committees.add(List.of(c.committee(), c.branches(),
                    c.branchesTakingPart(), c.members(), c.takingPart())));
            sheets.sheet("基层党委", null, List.of("基层党委", "党支部数", "有党员参加推荐的党支部数", "党员数",
                    "参加推荐党员数"), committees);
        }
        return sheets.toBytes();
    }
}

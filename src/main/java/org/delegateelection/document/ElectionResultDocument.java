package org.delegateelection.document;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.delegateelection.candidate.Candidate;
import org.delegateelection.system.CjkFont;
import org.delegateelection.system.Sheets;
import org.delegateelection.vote.Ballot;
import org.delegateelection.vote.RoundOutcome;
import org.delegateelection.vote.StrokeOrder;
import org.delegateelection.vote.Tally;

/**
 * The result of the vote at the congress (steps 23 and 24) as .xlsx and PDF: the elected delegates in the stroke
 * order of their names ({@link StrokeOrder}, as a list of delegates is published), and every round with its counts,
 * the threshold, what it decided and the approvals of each candidate on its ballot.
 *
 * @param electionName the election unit's name
 * @param seats        the unit's delegate seats
 * @param centreNominees the Centre's nominees on the ballot who come on top of the seats (中央提名, when they are in
 *                     addition), 0 otherwise
 * @param ageDate      the date ages are counted on
 * @param unitNames    recommending unit code → name
 * @param people       everyone who stood in a round, by id (the elected among them)
 * @param elected      the ids of the elected delegates
 * @param rounds       the counted rounds, first to last
 */
public record ElectionResultDocument(String electionName, int seats, int centreNominees, LocalDate ageDate,
                                     Map<String, String> unitNames,
                                     Map<String, Candidate> people, List<String> elected, List<Round> rounds) {

    /** The columns of the table of elected delegates. */
    public static final List<String> ELECTED_COLUMNS = List.of("序号", "姓名", "性别", "民族", "年龄", "身份",
            "推荐单位", "赞成票", "当选轮次");

    /**
     * One counted round.
     *
     * @param number  1 for the first round
     * @param tally   the counts as reported
     * @param outcome what the round decided
     */
    public record Round(int number, Tally tally, RoundOutcome outcome) {
    }

    /** Copies the maps and lists. */
    public ElectionResultDocument {
        unitNames = Map.copyOf(unitNames);
        people = Map.copyOf(people);
        elected = List.copyOf(elected);
        rounds = List.copyOf(rounds);
    }

    /** The title, e.g. "示例省代表选举结果". */
    public String title() {
        return electionName + "代表选举结果";
    }

    /** Sheets "当选代表" (stroke order), "各轮计票" (one row per round) and "各轮得票" (one row per candidate and round). */
    public byte[] xlsx() {
        List<List<?>> counts = new ArrayList<>();
        List<List<?>> approvals = new ArrayList<>();
        for (Round round : rounds) {
            Tally t = round.tally();
            counts.add(List.of(round.number(), t.electorsDueToAttend(), t.electorsPresent(), t.ballotsIssued(),
                    t.ballotsReturned(), t.invalidBallots(), round.outcome().threshold(),
                    round.outcome().elected().size(), round.outcome().explanation()));
            for (List<String> row : ballotRows(round)) {
                approvals.add(List.of(round.number(), row.get(0), row.get(1), Integer.parseInt(row.get(2)),
                        row.get(3)));
            }
        }
        return new Sheets()
                .sheet("当选代表", title() + "：" + seatsText() + "，当选 " + elected.size() + " 名（按姓氏笔画排序）",
                        ELECTED_COLUMNS, electedRows().stream().<List<?>>map(row -> row).toList())
                .sheet("各轮计票", null, List.of("轮次", "应到会人数", "实到会人数", "发出选票", "收回选票", "无效票",
                        "当选最低票数", "本轮当选人数", "结果"), counts)
                .sheet("各轮得票", null, List.of("轮次", "编号", "姓名", "赞成票", "本轮结果"), approvals)
                .toBytes();
    }

    /** "应选代表 48 名", with "，另有中央提名的代表候选人 2 名" when the Centre's nominees come on top of the seats. */
    String seatsText() {
        return "应选代表 " + seats + " 名" + (centreNominees == 0 ? "" : "，另有中央提名的代表候选人 " + centreNominees + " 名");
    }

    /** The elected delegates on the first page(s), then each round with its counts and its ballot's approvals. */
    public byte[] pdf(CjkFont font) {
        PdfWriter pdf = new PdfWriter(font, PdfWriter.PORTRAIT);
        pdf.heading(title(), 18)
                .paragraph(seatsText() + "，当选 " + elected.size() + " 名，共进行 " + rounds.size()
                        + " 轮投票。当选代表名单按姓氏笔画排序；年龄计算截至 " + ageDate + "。")
                .table(new float[] {1.3f, 2.6f, 1.3f, 1.8f, 1.3f, 6.5f, 3.5f, 1.8f, 2.6f}, ELECTED_COLUMNS, electedRows());
        for (Round round : rounds) {
            Tally t = round.tally();
            pdf.heading("第 " + round.number() + " 轮投票", 14)
                    .paragraph("应到会 " + t.electorsDueToAttend() + " 人，实到会 " + t.electorsPresent() + " 人；发出选票 "
                            + t.ballotsIssued() + " 张，收回 " + t.ballotsReturned() + " 张，其中无效票 "
                            + t.invalidBallots() + " 张。当选须获赞成票至少 " + round.outcome().threshold() + " 票。")
                    .paragraph(round.outcome().explanation())
                    .table(new float[] {3, 3, 2, 2}, List.of("编号", "姓名", "赞成票", "本轮结果"), ballotRows(round));
        }
        return pdf.toBytes();
    }

    private List<List<String>> electedRows() {
        Map<String, int[]> when = new HashMap<>();
        for (Round round : rounds) {
            round.outcome().elected().forEach(e -> when.put(e.candidateId(), new int[] {e.approvals(), round.number()}));
        }
        List<Candidate> delegates = elected.stream().map(people::get).sorted(byName()).toList();
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < delegates.size(); i++) {
            Candidate c = delegates.get(i);
            int[] votes = when.getOrDefault(c.id(), new int[] {0, 0});
            rows.add(List.of(String.valueOf(i + 1), c.name(), c.gender().label(), c.ethnicity(),
                    String.valueOf(c.ageOn(ageDate)), c.identity(),
                    c.recommendedBy(unitNames),
                    String.valueOf(votes[0]), votes[1] == 0 ? "" : "第 " + votes[1] + " 轮"));
        }
        return rows;
    }

    /**
     * Everyone in a round's tally in stroke order: id (empty for a person written in), name ("另选:…" for a person
     * written in), approvals, "当选" or "未当选".
     */
    private List<List<String>> ballotRows(Round round) {
        List<String> electedHere = round.outcome().elected().stream().map(RoundOutcome.Elected::candidateId).toList();
        return round.tally().approvals().keySet().stream()
                .sorted(Comparator.comparing((String key) -> Ballot.isWriteIn(key) ? Ballot.writtenInName(key)
                        : nameOf(key), StrokeOrder.NAMES).thenComparing(key -> key))
                .map(key -> List.of(people.containsKey(key) ? key : "", nameOf(key),
                        String.valueOf(round.tally().approvals().get(key)),
                        electedHere.contains(key) ? "当选" : "未当选"))
                .toList();
    }

    private String nameOf(String key) {
        Candidate person = people.get(key);
        return person == null ? key : person.name();
    }

    private static Comparator<Candidate> byName() {
        return Comparator.comparing(Candidate::name, StrokeOrder.NAMES).thenComparing(Candidate::id);
    }
}

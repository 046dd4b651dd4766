package org.delegateelection.document;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.CandidateList;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.election.ElectionUnit;
import org.delegateelection.election.RecommendingUnit;
import org.delegateelection.nomination.NominationRepository;
import org.delegateelection.procedure.Step;
import org.delegateelection.procedure.StepDocument;
import org.delegateelection.procedure.Steps;
import org.delegateelection.quota.QuotaRuleRepository;
import org.delegateelection.quota.QuotaRules;
import org.delegateelection.report.CompositionReport;
import org.delegateelection.system.CjkFont;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.Problem;
import org.delegateelection.vote.BallotRounds;
import org.delegateelection.vote.Vote;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/elections/{id}/documents}: the documents each stage hands upward, as downloads with their Chinese file
 * names: the roster of prospective candidates with their registration forms for the
 * central review (step 21), the election result for the report to the Centre (step 24), and the composition of any
 * list as JSON, .xlsx and SVG chart. 404 for an unknown election, 400 while the document has no data yet.
 */
@RestController
@RequestMapping("/api/elections/{id}/documents")
public class DocumentController {

    /** The media type of .xlsx files. */
    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    /** The media type of SVG images. */
    static final MediaType SVG = MediaType.parseMediaType("image/svg+xml");

    /** The Chinese nouns of the lists whose composition is reported. */
    private static final Map<CandidateList, String> NOUNS = Map.of(
            CandidateList.NOMINEES, "推荐提名人选",
            CandidateList.INSPECTION, "考察对象",
            CandidateList.PRELIMINARY, "代表候选人初步人选",
            CandidateList.PROSPECTIVE, "代表候选人预备人选",
            CandidateList.ELECTED, "当选代表");

    private final ElectionRepository elections;
    private final CandidateRepository candidates;
    private final QuotaRuleRepository rules;
    private final BallotRounds ballotRounds;
    private final CjkFont font;
    private final NominationRepository nominations;

    public DocumentController(ElectionRepository elections, CandidateRepository candidates, QuotaRuleRepository rules,
            BallotRounds ballotRounds, CjkFont font, NominationRepository nominations) {
        this.nominations = nominations;
        this.elections = elections;
        this.candidates = candidates;
        this.rules = rules;
        this.ballotRounds = ballotRounds;
        this.font = font;
    }

    /** The roster of prospective candidates with a registration form per candidate, .xlsx. */
    @GetMapping("/prospective-roster.xlsx")
    public ResponseEntity<byte[]> rosterXlsx(@PathVariable long id) {
        RosterDocument roster = roster(id);
        return download(roster.xlsx(), XLSX, roster.title() + ".xlsx", false);
    }

    /** The roster of prospective candidates with a registration form per candidate, PDF. */
    @GetMapping("/prospective-roster.pdf")
    public ResponseEntity<byte[]> rosterPdf(@PathVariable long id) {
        RosterDocument roster = roster(id);
        return download(roster.pdf(font), MediaType.APPLICATION_PDF, roster.title() + ".pdf", true);
    }

    /** The election result (elected delegates in stroke order, every round and its tally), .xlsx. */
    @GetMapping("/election-result.xlsx")
    public ResponseEntity<byte[]> resultXlsx(@PathVariable long id) {
        ElectionResultDocument result = result(id);
        return download(result.xlsx(), XLSX, result.title() + ".xlsx", false);
    }

    /** The election result (elected delegates in stroke order, every round and its tally), PDF. */
    @GetMapping("/election-result.pdf")
    public ResponseEntity<byte[]> resultPdf(@PathVariable long id) {
        ElectionResultDocument result = result(id);
        return download(result.pdf(font), MediaType.APPLICATION_PDF, result.title() + ".pdf", true);
    }

    /**
     * The support of the branch recommendation in a consultation round ({@code round}; without it the round under way,
     * {@link NominationRepository#roundUnderWay}), ranked, with the grassroots committees' figures: of the
     * recommending unit {@code unit}, or of the whole electoral unit without it; .xlsx.
     *
     * @throws InvalidInputException (400) naming {@code unit} or {@code round} for one the election does not have
     */
    @GetMapping("/support.xlsx")
    public ResponseEntity<byte[]> supportXlsx(@PathVariable long id,
            @RequestParam(name = "unit", required = false) String unitCode,
            @RequestParam(required = false) Integer round) {
        ElectionUnit unit = elections.get(id);
        if (unitCode != null && unit.recommendingUnits().stream().noneMatch(ru -> ru.code().equals(unitCode))) {
            throw InvalidInputException.field("unit", "“" + unitCode + "”不是本次选举的推荐单位");
        }
        SupportDocument document = new SupportDocument(unit.name(), unitNames(unit),
                nominations.report(id, unitCode, round != null ? round : nominations.roundUnderWay(id, unitCode)));
        return download(document.xlsx(), XLSX, document.title() + ".xlsx", false);
    }

    /** The composition report of a list (as {@code GET /api/elections/{id}/composition}), as a JSON file. */
    @GetMapping("/composition.json")
    public ResponseEntity<byte[]> compositionJson(@PathVariable long id, @RequestParam(name = "list") String list) {
        CompositionDocument composition = composition(id, list);
        return download(composition.report().toJson().getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_JSON,
                composition.title() + ".json", false);
    }

    /** The composition report of a list with the requirements on shares, .xlsx. */
    @GetMapping("/composition.xlsx")
    public ResponseEntity<byte[]> compositionXlsx(@PathVariable long id, @RequestParam(name = "list") String list) {
        CompositionDocument composition = composition(id, list);
        return download(composition.xlsx(), XLSX, composition.title() + ".xlsx", false);
    }

    /** The chart of a list's shares against the requirements, SVG. */
    @GetMapping("/composition.svg")
    public ResponseEntity<byte[]> compositionSvg(@PathVariable long id, @RequestParam(name = "list") String list) {
        CompositionDocument composition = composition(id, list);
        return download(composition.svg(font).getBytes(StandardCharsets.UTF_8), SVG, composition.title() + ".svg", true);
    }

    /**
     * The links (Markdown, relative to the web application's host) to the documents a step's form offers, as the
     * catalogue lists them ({@link Step#documents()}: step 21 the roster, steps 24 and 25 the result, the steps
     * deciding on a list the composition of the list before them, steps 20, 22 and 23 the ballot paper of the next
     * round, steps 5 to 8 the support of the branch recommendation: of the task's recommending unit {@code unitCode},
     * or of the whole electoral unit when it is {@code null}), under the heading "文件下载"; "" for a step with
     * none or a key the catalogue lacks.
     */
    public static String links(long electionId, String step, String unitCode) {
        String base = "/api/elections/" + electionId + "/documents/";
        StringBuilder text = new StringBuilder();
        for (StepDocument document : Steps.find(step).map(Step::documents).orElse(List.of())) {
            switch (document.kind()) {
                case PROSPECTIVE_ROSTER -> text
                        .append("- [代表候选人预备人选名册和登记表（PDF）](").append(base).append("prospective-roster.pdf)\n")
                        .append("- [代表候选人预备人选名册和登记表（Excel）](").append(base)
                        .append("prospective-roster.xlsx)\n");
                case ELECTION_RESULT -> text.append("- [选举结果（PDF）](").append(base).append("election-result.pdf)\n")
                        .append("- [选举结果（Excel）](").append(base).append("election-result.xlsx)\n");
                case BALLOT_PAPER -> {
                    String noun = switch (document.vote()) {
                        case "plenary" -> "表决票";
                        case "preliminary" -> "预选选票（进行预选的）";
                        default -> "选票";
                    };
                    String url = base + "ballot-paper.pdf?vote=" + document.vote();
                    text.append("- [").append(noun).append("（PDF，A4）](").append(url).append(")\n")
                            .append("- [").append(noun).append("（PDF，A3）](").append(url).append("&paper=A3)\n");
                }
                case SUPPORT -> text.append("- [党支部推荐得票情况（Excel）](").append(base).append("support.xlsx")
                        .append(unitCode == null ? "" : "?unit=" + unitCode).append(")\n");
                case COMPOSITION -> {
                    String query = "?list=" + document.list().key();
                    String noun = NOUNS.get(document.list());
                    text.append("- [").append(noun).append("结构情况图（比例与要求）](").append(base)
                            .append("composition.svg").append(query).append(")\n")
                            .append("- [").append(noun).append("结构情况（Excel）](").append(base)
                            .append("composition.xlsx").append(query).append(")\n");
                }
            }
        }
        return text.isEmpty() ? "" : "#### 文件下载\n\n" + text;
    }

    private RosterDocument roster(long id) {
        ElectionUnit unit = elections.get(id);
        List<Candidate> prospective = candidates.list(id, CandidateList.PROSPECTIVE.key());
        if (prospective.isEmpty()) {
            throw noData("prospective-roster", "全委会尚未表决确定代表候选人预备人选（第20步），暂无名册");
        }
        Map<String, String> votes = new HashMap<>();
        for (BallotRounds.StoredRound round : ballotRounds.rounds(id, Vote.PLENARY)) {
            round.outcome().elected().forEach(e -> votes.put(e.candidateId(),
                    "赞成 " + e.approvals() + " 票（第 " + round.round() + " 轮）"));
        }
        return new RosterDocument(unit.name(), NOUNS.get(CandidateList.PROSPECTIVE), unit.ageReferenceDate(),
                unitNames(unit), prospective, votes,
                candidates.changedSinceDecision(id, CandidateList.PROSPECTIVE.key()));
    }

    private ElectionResultDocument result(long id) {
        ElectionUnit unit = elections.get(id);
        List<BallotRounds.StoredRound> rounds = ballotRounds.rounds(id, Vote.CONGRESS);
        if (rounds.isEmpty()) {
            throw noData("election-result", "尚未投票计票（第23步），暂无选举结果");
        }
        List<String> elected = candidates.list(id, CandidateList.ELECTED.key()).stream().map(Candidate::id).toList();
        Set<String> ids = new LinkedHashSet<>(elected);
        rounds.forEach(r -> ids.addAll(r.tally().approvals().keySet()));
        Map<String, Candidate> people = candidates.findByIds(id, ids).stream()
                .collect(Collectors.toMap(Candidate::id, Function.identity()));
        // the people as decided: those on the ballot and the elected delegates
        List<Candidate> ballot = candidates.list(id, CandidateList.BALLOT.key());
        ballot.forEach(c -> people.put(c.id(), c));
        candidates.list(id, CandidateList.ELECTED.key()).forEach(c -> people.put(c.id(), c));
        int centreNominees = unit.centreNomineesInAddition()
                ? (int) ballot.stream().filter(Candidate::centreNominee).count() : 0;
        return new ElectionResultDocument(unit.name(), unit.seats(), centreNominees, unit.ageReferenceDate(),
                unitNames(unit), people,
                elected, rounds.stream()
                        .map(r -> new ElectionResultDocument.Round(r.round(), r.tally(), r.outcome())).toList());
    }

    private CompositionDocument composition(long id, String listKey) {
        ElectionUnit unit = elections.get(id);
        CandidateList list = CandidateList.ofComposition(listKey);
        List<Candidate> people = candidates.list(id, list.key());
        if (people.isEmpty()) {
            throw noData("list", NOUNS.get(list) + "名单尚未确定，暂无结构情况");
        }
        return new CompositionDocument(unit.name(), NOUNS.get(list),
                CompositionReport.of(people, unit.ageReferenceDate()),
                rules.load(id).map(QuotaRules::all).orElse(List.of()), unit.womenMemberShare());
    }

    private static Map<String, String> unitNames(ElectionUnit unit) {
        return unit.recommendingUnits().stream().collect(Collectors.toMap(RecommendingUnit::code, RecommendingUnit::name));
    }

    private static InvalidInputException noData(String field, String reason) {
        return new InvalidInputException("文件暂无内容", List.of(new Problem(null, field, reason)));
    }

    /**
     * The file with its type and name; PDF and SVG {@code inline}, so that a link opens them in the browser, which
     * may run no script or load nothing from an SVG; the rest as {@code attachment}.
     */
    static ResponseEntity<byte[]> download(byte[] body, MediaType type, String fileName, boolean inline) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, (inline ? ContentDisposition.inline()
                        : ContentDisposition.attachment()).filename(fileName, StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .body(body);
    }
}

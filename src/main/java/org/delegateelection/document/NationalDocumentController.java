package org.delegateelection.document;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.delegateelection.candidate.CandidateList;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.election.ElectionUnit;
import org.delegateelection.national.NationalRepository;
import org.delegateelection.national.SeatAllocation;
import org.delegateelection.quota.QuotaRule;
import org.delegateelection.quota.QuotaRules;
import org.delegateelection.quota.RuleKind;
import org.delegateelection.report.NationalRollUp;
import org.delegateelection.report.NationalRollUpController;
import org.delegateelection.system.CjkFont;
import org.delegateelection.system.InvalidInputException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/national/documents}: the national list of delegates ({@link NationalDelegateList}) of every electoral
 * unit registered here, as .xlsx and PDF, and the chart of their composition against the Centre's requirements, for
 * the Central Organization Department and the national congress's credentials committee. The units' delegates are taken in the order of the national allocation
 * in force ({@link NationalRepository#unitsInForce()}; units none lists after them, by code), which people of one name keep.
 */
@RestController
@RequestMapping("/api/national/documents")
public class NationalDocumentController {

    private final ElectionRepository elections;
    private final CandidateRepository candidates;
    private final CjkFont font;
    private final NationalRepository national;
    private final NationalRollUpController rollUp;

    /**
     * Reads the registry of elections, each one's decided lists, the national allocations and the national roll-up;
     * prints the PDF in the embedded font.
     */
    public NationalDocumentController(ElectionRepository elections, CandidateRepository candidates, CjkFont font,
            NationalRepository national, NationalRollUpController rollUp) {
        this.elections = elections;
        this.candidates = candidates;
        this.font = font;
        this.national = national;
        this.rollUp = rollUp;
    }

    /**
     * The list of the elected delegates ({@code list=elected}, the default) or of those whose credentials are
     * confirmed ({@code list=confirmed}) as .xlsx.
     *
     * @throws InvalidInputException (400) naming {@code list} for another list, or when no unit has decided it yet
     */
    @GetMapping("/delegates.xlsx")
    public ResponseEntity<byte[]> xlsx(@RequestParam(name = "list", defaultValue = "elected") String list) {
        NationalDelegateList delegates = delegates(list);
        return DocumentController.download(delegates.xlsx(), DocumentController.XLSX, delegates.title() + ".xlsx",
                false);
    }

    /**
     * The same list as PDF (portrait A4, the embedded font).
     *
     * @throws InvalidInputException (400) naming {@code list} for another list, or when no unit has decided it yet
     */
    @GetMapping("/delegates.pdf")
    public ResponseEntity<byte[]> pdf(@RequestParam(name = "list", defaultValue = "elected") String list) {
        NationalDelegateList delegates = delegates(list);
        return DocumentController.download(delegates.pdf(font), MediaType.APPLICATION_PDF,
                delegates.title() + ".pdf", true);
    }

    /**
     * The composition of the national roll-up ({@code GET /api/national/roll-up} with the same parameters) as an SVG
     * chart of its shares against the requirements the Centre states across units (中共中央《关于党的二十大代表选举工作的
     * 通知》, November 2021), with their thresholds as the shipped quota rules write them: leading cadres at most two
     * thirds, frontline at least one third, women above the women's share of the party's members nationally
     * ({@link SeatAllocation#NATIONAL_WOMEN_SHARE}; each province's own share is checked by the roll-up), under 55 at
     * least half.
     *
     * @throws InvalidInputException (400) naming {@code list} for another list, or when no unit has decided it yet;
     *                               naming {@code ageOn} as the roll-up does
     */
    @GetMapping("/composition.svg")
    public ResponseEntity<byte[]> compositionSvg(@RequestParam(name = "list", defaultValue = "elected") String list,
            @RequestParam(name = "ageOn", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate ageOn) {
        CandidateList rolled = NationalRollUpController.nationalList(list);
        NationalRollUp figures = rollUp.rollUp(list, ageOn);
        if (figures.unitsReported() == 0) {
            throw noneDecided(rolled);
        }
        List<RuleKind> required = Arrays.stream(NationalRollUp.Requirement.values())
                .map(NationalDocumentController::ruleKind).toList();
        List<QuotaRule> rules = QuotaRules.defaults().all().stream().filter(r -> required.contains(r.kind())).toList();
        CompositionDocument chart = new CompositionDocument("全国", rolled == CandidateList.ELECTED ? "当选代表"
                : "资格确认的代表", figures.composition(), rules, SeatAllocation.NATIONAL_WOMEN_SHARE.movePointLeft(2));
        return DocumentController.download(chart.svg(font).getBytes(StandardCharsets.UTF_8), DocumentController.SVG,
                chart.title() + ".svg", true);
    }

    /** The kind of quota rule that states a requirement of the Centre's for a single list. */
    private static RuleKind ruleKind(NationalRollUp.Requirement requirement) {
        return switch (requirement) {
            case WOMEN_ABOVE_MEMBERS -> RuleKind.WOMEN_ABOVE_MEMBER_SHARE;
            case FRONTLINE_ONE_THIRD -> RuleKind.FRONTLINE_MIN_SHARE;
            case LEADING_CADRES_TWO_THIRDS -> RuleKind.LEADING_CADRE_MAX_SHARE;
            case UNDER_55_HALF -> RuleKind.UNDER_55_MIN_SHARE;
        };
    }

    private static InvalidInputException noneDecided(CandidateList rolled) {
        return InvalidInputException.field("list", "尚无选举单位确定" + (rolled == CandidateList.ELECTED
                ? "当选代表" : "资格确认的代表") + "名单");
    }

    private NationalDelegateList delegates(String list) {
        CandidateList rolled = NationalRollUpController.nationalList(list);
        List<String> codes = List.copyOf(national.unitsInForce().keySet());
        List<ElectionUnit> units = elections.all().stream()
                .filter(unit -> candidates.isDecided(unit.id(), rolled))
                .sorted(Comparator.comparingInt((ElectionUnit unit) -> codes.contains(unit.code())
                        ? codes.indexOf(unit.code()) : codes.size()).thenComparing(ElectionUnit::code))
                .toList();
        if (units.isEmpty()) {
            throw noneDecided(rolled);
        }
        return new NationalDelegateList(rolled == CandidateList.ELECTED ? "党的全国代表大会当选代表名单"
                : "党的全国代表大会代表名单", units.stream().flatMap(unit -> candidates.list(unit.id(), rolled.key())
                        .stream().map(person -> new NationalDelegateList.Entry(person, unit.name()))).toList());
    }
}

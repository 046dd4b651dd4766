package org.delegateelection.document;

import java.util.Comparator;
import java.util.List;

import org.delegateelection.candidate.CandidateList;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.election.ElectionUnit;
import org.delegateelection.national.NationalRepository;
import org.delegateelection.report.NationalRollUpController;
import org.delegateelection.system.CjkFont;
import org.delegateelection.system.InvalidInputException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/national/documents}: the national list of delegates ({@link NationalDelegateList}) of every electoral
 * unit registered here, as .xlsx and PDF, for the Central Organization Department and the national congress's
 * credentials committee. The units' delegates are taken in the order of the national allocation
 * in force ({@link NationalRepository#unitsInForce()}; units none lists after them, by code), which people of one name keep.
 */
@RestController
@RequestMapping("/api/national/documents")
public class NationalDocumentController {

    private final ElectionRepository elections;
    private final CandidateRepository candidates;
    private final CjkFont font;
    private final NationalRepository national;

    /**
     * Reads the registry of elections, each one's decided lists and the national allocations; prints the PDF in the
     * embedded font.
     */
    public NationalDocumentController(ElectionRepository elections, CandidateRepository candidates, CjkFont font,
            NationalRepository national) {
        this.elections = elections;
        this.candidates = candidates;
        this.font = font;
        this.national = national;
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

    private NationalDelegateList delegates(String list) {
        CandidateList rolled = NationalRollUpController.nationalList(list);
        List<String> codes = List.copyOf(national.unitsInForce().keySet());
        List<ElectionUnit> units = elections.all().stream()
                .filter(unit -> candidates.isDecided(unit.id(), rolled))
                .sorted(Comparator.comparingInt((ElectionUnit unit) -> codes.contains(unit.code())
                        ? codes.indexOf(unit.code()) : codes.size()).thenComparing(ElectionUnit::code))
                .toList();
        if (units.isEmpty()) {
            throw InvalidInputException.field("list", "尚无选举单位确定" + (rolled == CandidateList.ELECTED
                    ? "当选代表" : "资格确认的代表") + "名单");
        }
        return new NationalDelegateList(rolled == CandidateList.ELECTED ? "党的全国代表大会当选代表名单"
                : "党的全国代表大会代表名单", units.stream().flatMap(unit -> candidates.list(unit.id(), rolled.key())
                        .stream().map(person -> new NationalDelegateList.Entry(person, unit.name()))).toList());
    }
}

package org.delegateelection.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.delegateelection.candidate.CandidateList;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.election.ElectionUnit;
import org.delegateelection.national.NationalRepository;
import org.delegateelection.national.SeatAllocation;
import org.delegateelection.system.InvalidInputException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/national/roll-up}: the delegates of every electoral unit registered here, together
 * ({@link NationalRollUp}), for the Central Organization Department and the national congress's credentials
 * committee. A unit's kind, which decides the requirements that apply to it, is its kind in the national allocation
 * in force ({@link NationalRepository#unitsInForce()}); a unit no allocation lists counts as a province, the kind the
 * shipped quota rules are written for.
 */
@RestController
public class NationalRollUpController {

    private final ElectionRepository elections;
    private final CandidateRepository candidates;
    private final NationalRepository national;

    /** Reads the registry of elections, each one's decided lists and the national allocations. */
    public NationalRollUpController(ElectionRepository elections, CandidateRepository candidates,
            NationalRepository national) {
        this.elections = elections;
        this.candidates = candidates;
        this.national = national;
    }

    /**
     * The roll-up of the elected delegates ({@code list=elected}, the default) or of the delegates whose credentials
     * are confirmed ({@code list=confirmed}), each as its unit decided them; a unit whose list is not decided yet
     * is counted as not reported.
     *
     * @param ageOn the date ages are counted on (yyyy-MM-dd, Asia/Shanghai); by default the units' age reference
     *              date, which must then be the same for all
     * @throws InvalidInputException (400) naming {@code list} for another list, or {@code ageOn} when it is left out
     *                               and the units count ages on different dates
     */
    @GetMapping("/api/national/roll-up")
    public NationalRollUp rollUp(@RequestParam(name = "list", defaultValue = "elected") String list,
            @RequestParam(name = "ageOn", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate ageOn) {
        CandidateList rolled = nationalList(list);
        List<ElectionUnit> units = elections.all();
        List<LocalDate> dates = units.stream().map(ElectionUnit::ageReferenceDate).distinct().toList();
        if (ageOn == null && dates.size() > 1) {
            throw InvalidInputException.field("ageOn", "各选举单位计算年龄的日期不同（" + dates + "），请指定 ageOn（yyyy-MM-dd）");
        }
        LocalDate on = ageOn != null ? ageOn : dates.isEmpty() ? LocalDate.now() : dates.get(0);
        Map<String, SeatAllocation.Row> allocated = national.unitsInForce();
        return NationalRollUp.of(units.stream().map(unit -> new NationalRollUp.Unit(unit.code(), unit.name(),
                unit.seats(), kindOf(allocated, unit), unit.womenMemberShare(), candidates.isDecided(unit.id(), rolled)
                        ? candidates.list(unit.id(), rolled.key()) : null)).toList(), on);
    }

    /** The unit's kind in the national allocation; a province when the allocation does not list it. */
    private static SeatAllocation.Kind kindOf(Map<String, SeatAllocation.Row> allocated, ElectionUnit unit) {
        SeatAllocation.Row row = allocated.get(unit.code());
        return row == null ? SeatAllocation.Kind.PROVINCE : row.kind();
    }

    /**
     * The list a national report reads: {@code elected} (the elected delegates) or {@code confirmed} (those whose
     * credentials are confirmed).
     *
     * @throws InvalidInputException (400) naming {@code list} for anything else
     */
    public static CandidateList nationalList(String list) {
        return switch (list) {
            case "elected" -> CandidateList.ELECTED;
            case "confirmed" -> CandidateList.CONFIRMED;
            default -> throw InvalidInputException.field("list", "应为 elected（当选代表）或 confirmed（资格确认的代表），收到「"
                    + list + "」");
        };
    }
}

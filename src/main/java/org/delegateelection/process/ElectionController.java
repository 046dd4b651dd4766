package org.delegateelection.process;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.delegateelection.candidate.CandidateList;
import org.delegateelection.candidate.CandidateReports;
import org.delegateelection.candidate.Corrections;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.election.ElectionRequest;
import org.delegateelection.election.ElectionUnit;
import org.delegateelection.quota.QuotaReportRepository;
import org.delegateelection.report.CompositionReport;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/elections}: start an election unit's procedure and read its quota reports, compositions, the reports
 * against its candidates and the corrections of its ballot.
 */
@RestController
@RequestMapping("/api/elections")
public class ElectionController {

    private final ElectionService service;
    private final ElectionRepository elections;
    private final CandidateRepository candidates;
    private final QuotaReportRepository quotaReports;
    private final CandidateReports reports;
    private final CandidateReportIntake reportIntake;
    private final Corrections corrections;
    private final CorrectionIntake correctionIntake;

    public ElectionController(ElectionService service, ElectionRepository elections, CandidateRepository candidates,
            QuotaReportRepository quotaReports, CandidateReports reports, CandidateReportIntake reportIntake,
            Corrections corrections, CorrectionIntake correctionIntake) {
        this.reportIntake = reportIntake;
        this.corrections = corrections;
        this.correctionIntake = correctionIntake;
        this.service = service;
        this.elections = elections;
        this.candidates = candidates;
        this.quotaReports = quotaReports;
        this.reports = reports;
    }

    /** 201 with the election id and process instance id; 400 with every bad field. */
    @PostMapping
    public ResponseEntity<ElectionService.StartedElection> start(@RequestBody ElectionRequest request) {
        ElectionService.StartedElection started = service.start(request);
        return ResponseEntity.created(URI.create("/api/elections/" + started.electionId())).body(started);
    }

    /** The election unit's configuration as it stands (after steps 1 and 2); 404 for an unknown id. */
    @GetMapping("/{id}")
    public ElectionUnit get(@PathVariable long id) {
        return elections.get(id);
    }

    /**
     * Reports against candidates and objections during the public notice, with their findings, oldest first; for
     * the organization department and the discipline commission only (see the access rules).
     */
    @GetMapping("/{id}/candidate-reports")
    public List<CandidateReports.Entry> candidateReports(@PathVariable long id) {
        elections.get(id);
        return reports.findAll(id);
    }

    /**
     * A report against a candidate or an objection during the public notice, as received: {@code candidateId},
     * {@code kind} (REPORT or OBJECTION) and {@code report} (the text, at most 4,000 characters).
     *
     * @param candidateId the registry id of the person reported
     * @param kind        REPORT (stages 2 to 6) or OBJECTION (during the public notice of step 18)
     * @param report      what was reported
     */
    public record ReportRequest(String candidateId, CandidateReports.Kind kind, String report) {
    }

    /**
     * Receives a report and opens its verification (org-dept and discipline commission only): 201 with its id; 400
     * naming the field when the person is unknown or removed, the text is empty or too long, or the procedure is not
     * at a stage that takes this kind; nothing stored then.
     */
    @PostMapping("/{id}/candidate-reports")
    public ResponseEntity<Map<String, Long>> receiveReport(@PathVariable long id, @RequestBody ReportRequest request) {
        long reportId = reportIntake.receive(id, request.candidateId(), request.kind(), request.report());
        return ResponseEntity.created(URI.create("/api/elections/" + id + "/candidate-reports"))
                .body(Map.of("reportId", reportId));
    }

    /**
     * A correction of a person on the printed ballot, as requested: {@code candidateId}, {@code reason}, and
     * {@code changes}, field → new value (field names or Chinese column headers of the import files, values as
     * written there, e.g. {@code {"name": "张珊", "gender": "女"}}).
     */
    public record CorrectionRequest(String candidateId, String reason, Map<String, String> changes) {
    }

    /**
     * Receives a correction (纠错) of a person on the printed ballot and opens its review by the organization
     * department: 201 with the correction, its fields' values before and after. 400 naming the field (the person
     * unknown or not on the ballot, no reason, a change refused as an import would refuse it, nothing changed);
     * 409 when the election is closed or a correction of the same field of the person is waiting. Nothing stored
     * then.
     */
    @PostMapping("/{id}/corrections")
    public ResponseEntity<Corrections.Correction> requestCorrection(@PathVariable long id,
            @RequestBody CorrectionRequest request) {
        Corrections.Correction correction = correctionIntake.receive(id, request.candidateId(), request.reason(),
                request.changes());
        return ResponseEntity.created(URI.create("/api/elections/" + id + "/corrections")).body(correction);
    }

    /** The corrections of the election with their reviews, oldest first. */
    @GetMapping("/{id}/corrections")
    public List<Corrections.Correction> corrections(@PathVariable long id) {
        elections.get(id);
        return corrections.all(id);
    }

    /** The last quota report of the election, as stored at its gateway; 404 when none was made yet. */
    @GetMapping(value = "/{id}/quota-reports/latest", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> latestQuotaReport(@PathVariable long id) {
        elections.get(id);
        return quotaReports.latest(id).map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .body("{\"message\":\"选举 " + id + " 尚无结构比例检查结果\",\"problems\":[]}"));
    }

    /**
     * The composition report (DESIGN §5, in the form the Organization Department publishes) of one list:
     * nominees, inspection, preliminary, prospective or elected; ages on the election's age reference date.
     */
    @GetMapping(value = "/{id}/composition", produces = MediaType.APPLICATION_JSON_VALUE)
    public String composition(@PathVariable long id, @RequestParam(name = "list") String list) {
        ElectionUnit unit = elections.get(id);
        return CompositionReport.of(candidates.list(id, CandidateList.ofComposition(list).key()), unit.ageReferenceDate()).toJson();
    }
}

package org.delegateelection.process;

import java.util.List;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.CandidateReports;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.candidate.CandidateStatus;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.election.ElectionUnit;
import org.delegateelection.security.CallerChecked;
import org.delegateelection.system.InputValues;
import org.delegateelection.system.InvalidInputException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Receives a report against a candidate (信访举报, stages 2 to 6) or an objection during the public notice (公示期间
 * 反映的问题, step 18): stores what it says in {@code candidate_report}, readable by the organization department
 * and the discipline commission only, and correlates the message that opens its verification in the election's
 * instance. The message carries only the report's id, as a transient variable: neither the text nor the person is
 * ever a variable of a scope the other bodies' tasks can read. The caller needs no right on the instance (the API's
 * rule decides who may report); the engine's operation log still names the caller.
 */
@Service
public class CandidateReportIntake {

    /** The most characters of a report. */
    static final int MAX_REPORT = 4000;

    private final ElectionRepository elections;
    private final CandidateRepository candidates;
    private final CandidateReports reports;
    private final RuntimeService runtimeService;
    private final CallerChecked callerChecked;

    public CandidateReportIntake(ElectionRepository elections, CandidateRepository candidates,
            CandidateReports reports, RuntimeService runtimeService, CallerChecked callerChecked) {
        this.elections = elections;
        this.candidates = candidates;
        this.reports = reports;
        this.runtimeService = runtimeService;
        this.callerChecked = callerChecked;
    }

    /**
     * Stores and correlates one report; returns its id.
     *
     * @throws ElectionNotFoundException for an unknown election
     * @throws InvalidInputException     naming {@code candidateId} (nobody in the registry, or removed),
     *                                   {@code report} (empty or longer than 4,000 characters) or {@code kind}
     *                                   (missing, or the procedure is not at a stage that takes it), nothing stored
     */
    @Transactional
    public long receive(long electionId, String candidateId, CandidateReports.Kind kind, String report) {
        ElectionUnit election = elections.get(electionId);
        if (kind == null) {
            throw InvalidInputException.field("kind", "须为 REPORT（举报）或 OBJECTION（公示期间反映的问题）");
        }
        Candidate person = candidateId == null || candidateId.isBlank() ? null
                : candidates.findByIds(electionId, List.of(candidateId)).stream().findFirst().orElse(null);
        if (person == null) {
            throw InvalidInputException.field("candidateId", "人选库中没有编号 " + candidateId);
        }
        if (person.status() == CandidateStatus.REMOVED) {
            throw InvalidInputException.field("candidateId", person.name() + "（" + candidateId + "）已被调整出人选");
        }
        String text = InputValues.text("report", report, MAX_REPORT);
        long id = reports.receive(electionId, person.id(), kind, text);
        String message = kind == CandidateReports.Kind.REPORT ? "candidateReported" : "publicNoticeObjection";
        try {
            callerChecked.withoutEngineChecks(() -> runtimeService.createMessageCorrelation(message)
                    .processInstanceBusinessKey(election.code())
                    .setVariableLocal("reportId", Variables.longValue(id, true)).correlateWithResult());
        } catch (MismatchingMessageCorrelationException e) {
            throw InvalidInputException.field("kind", kind == CandidateReports.Kind.REPORT
                    ? "本选举单位当前不在受理举报的阶段（推荐提名至代表选举）"
                    : "本选举单位当前不在党内公示期间");
        }
        return id;
    }
}

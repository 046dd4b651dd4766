package org.delegateelection.process;

import java.util.Map;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.delegateelection.candidate.CandidateImport;
import org.delegateelection.candidate.Corrections;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.election.ElectionUnit;
import org.delegateelection.security.CallerChecked;
import org.delegateelection.security.CurrentUser;
import org.delegateelection.system.CjkFont;
import org.delegateelection.system.ConflictException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Receives a correction (纠错) of a person on the printed ballot ({@link Corrections#request}) and correlates the
 * message that opens its review by the organization department in the election's instance (task
 * {@code reviewCorrection}); the message carries the correction's id ({@code correctionId}).
 */
@Service
public class CorrectionIntake {

    private final ElectionRepository elections;
    private final Corrections corrections;
    private final RuntimeService runtimeService;
    private final CallerChecked callerChecked;
    private final CurrentUser currentUser;
    private final CjkFont font;

    public CorrectionIntake(ElectionRepository elections, Corrections corrections, RuntimeService runtimeService,
            CallerChecked callerChecked, CurrentUser currentUser, CjkFont font) {
        this.elections = elections;
        this.corrections = corrections;
        this.runtimeService = runtimeService;
        this.callerChecked = callerChecked;
        this.currentUser = currentUser;
        this.font = font;
    }

    /**
     * Stores a correction and opens its review; the errors of {@link Corrections#request}, and a
     * {@link ConflictException} when the election's process is not running; nothing stored then.
     *
     * @throws org.delegateelection.election.ElectionNotFoundException for an unknown election
     */
    @Transactional
    public Corrections.Correction receive(long electionId, String candidateId, String reason,
            Map<String, String> changes) {
        ElectionUnit election = elections.get(electionId);
        Corrections.Correction correction = corrections.request(electionId, candidateId, reason, changes,
                CandidateImport.of(election, font::canPrint), currentUser.id());
        try {
            callerChecked.withoutEngineChecks(() -> runtimeService.createMessageCorrelation(
                            "candidateCorrectionRequested")
                    .processInstanceBusinessKey(election.code())
                    .setVariableLocal("correctionId", correction.id()).correlateWithResult());
        } catch (MismatchingMessageCorrelationException e) {
            throw new ConflictException("本选举单位的流程未在进行中，不能受理纠错申请");
        }
        return correction;
    }
}

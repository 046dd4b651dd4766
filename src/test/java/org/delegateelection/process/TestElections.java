package org.delegateelection.process;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.demo.HandbookElection;
import org.delegateelection.demo.GeneratedTallies;
import org.delegateelection.nomination.NominationRepository;
import org.delegateelection.system.TableFile;
import org.delegateelection.election.ElectionRequest;
import org.delegateelection.election.ElectionUnit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Test support: starts a copy of the handbook province's election under a code of the test's choosing, with the
 * handbook's candidate pool and its units' generated branch tallies, so that each test has an election of its own in
 * the shared test database; it belongs to the handbook province's electoral unit (tenant {@code handbook-province}),
 * whose bodies are the demo users and the test users of {@code TestUsers}.
 */
@Component
public class TestElections {

    private final ElectionService service;
    private final CandidateRepository candidates;
    private final NominationRepository nominations;

    public TestElections(ElectionService service, CandidateRepository candidates, NominationRepository nominations) {
        this.service = service;
        this.candidates = candidates;
        this.nominations = nominations;
    }

    /** Starts the handbook election as {@code code}; returns it as started. */
    @Transactional
    public ElectionService.StartedElection start(String code) {
        return start(code, null);
    }

    /** Starts the handbook election as {@code code} with rule overrides; returns it as started. */
    @Transactional
    public ElectionService.StartedElection start(String code, Map<String, Map<String, Object>> ruleOverrides) {
        return start(code, ruleOverrides, false);
    }

    /** Starts the handbook election as {@code code} with rule overrides, with or without a preliminary election. */
    @Transactional
    public ElectionService.StartedElection start(String code, Map<String, Map<String, Object>> ruleOverrides,
            boolean preliminaryElection) {
        return start(code, ruleOverrides, preliminaryElection, new HandbookElection().unit().code());
    }

    /** Starts the handbook election as {@code code} in another electoral unit (tenant {@code tenantId}). */
    @Transactional
    public ElectionService.StartedElection startInUnit(String code, String tenantId) {
        return start(code, null, false, tenantId);
    }

    private ElectionService.StartedElection start(String code, Map<String, Map<String, Object>> ruleOverrides,
            boolean preliminaryElection, String tenantId) {
        HandbookElection handbook = new HandbookElection();
        ElectionUnit unit = handbook.unit();
        ElectionRequest request = ElectionRequest.of(unit);
        request = new ElectionRequest(code, request.name(), request.seats(), request.nomineeQuota(),
                request.minPreliminary(), request.womenMemberSharePercent(), request.minMinorities(),
                request.leadingCadreTarget(), request.frontlineTarget(), request.minWomenNominees(),
                request.minUnder55Nominees(), request.ageReferenceDate(), request.centreNomineesInAddition(),
                request.recommendingUnits(), ruleOverrides, preliminaryElection);
        ElectionService.StartedElection started = service.start(request, tenantId);
        candidates.saveAll(started.electionId(), handbook.candidates(), "tester", null);
        GeneratedTallies.csvByUnit(handbook.unit(), handbook.candidates(), handbook.plan()).forEach((ru, csv) ->
                nominations.upload(started.electionId(), ru, 1, TableFile.Format.CSV,
                        new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "tester", null));
        return started;
    }
}

package org.delegateelection.demo;

import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.election.ElectionRequest;
import org.delegateelection.process.ElectionService;
import org.delegateelection.security.CurrentUser;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo profile: when the application is ready and the handbook province's election is not there yet, registers it,
 * fills its candidate registry with the generated pool and starts its procedure, which then waits at step 1.
 */
@Component
@Profile("demo")
public class HandbookSeeder {

    private final ElectionService service;
    private final ElectionRepository elections;
    private final CandidateRepository candidates;

    public HandbookSeeder(ElectionService service, ElectionRepository elections, CandidateRepository candidates) {
        this.service = service;
        this.elections = elections;
        this.candidates = candidates;
    }

    /** Creates the handbook election unless it exists; returns its id either way. */
    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public long seed() {
        HandbookElection handbook = new HandbookElection();
        return elections.idOf(handbook.unit().code()).orElseGet(() -> {
            ElectionService.StartedElection started = service.start(ElectionRequest.of(handbook.unit()));
            candidates.saveAll(started.electionId(), handbook.candidates(), CurrentUser.SYSTEM, null);
            return started.electionId();
        });
    }
}

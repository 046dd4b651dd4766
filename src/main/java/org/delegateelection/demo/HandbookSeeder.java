package org.delegateelection.demo;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.election.ElectionRequest;
import org.delegateelection.election.ElectionUnit;
import org.delegateelection.nomination.NominationRepository;
import org.delegateelection.process.ElectionService;
import org.delegateelection.security.CurrentUser;
import org.delegateelection.system.TableFile;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo profile: when the application is ready and the handbook province's election is not there yet, registers it,
 * fills its candidate registry with the generated pool, stores each recommending unit's generated branch tallies
 * ({@link GeneratedTallies}, as the units upload them before step 5) and starts its procedure, which then waits at
 * step 1. Any other unit of the national allocation is seeded the same way on request ({@link #seedUnit}); with
 * {@code delegate-election.demo.unit-tallies=on-drive} (the tests' shared context) such a unit's tallies are stored
 * only when it is driven ({@link #storeTallies}), which keeps 37 units' million tally rows out of a database that only
 * needs them registered.
 */
@Component
@Profile("demo")
public class HandbookSeeder {

    private final ElectionService service;
    private final ElectionRepository elections;
    private final CandidateRepository candidates;
    private final NominationRepository nominations;
    private final DemoIdentity identity;
    private final boolean unitTalliesSeeded;
    private GeneratedUnits national;

    public HandbookSeeder(ElectionService service, ElectionRepository elections, CandidateRepository candidates,
            NominationRepository nominations, DemoIdentity identity,
            @Value("${delegate-election.demo.unit-tallies:seeded}") UnitTallies unitTallies) {
        this.unitTalliesSeeded = unitTallies == UnitTallies.SEEDED;
        this.identity = identity;
        this.service = service;
        this.elections = elections;
        this.candidates = candidates;
        this.nominations = nominations;
    }

    /** When the other units' branch tallies are stored: when the unit is seeded (the demo), or when it is driven. */
    public enum UnitTallies {
        SEEDED, ON_DRIVE
    }

    /** Creates the handbook election unless it exists; returns its id either way. */
    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public long seed() {
        HandbookElection handbook = new HandbookElection();
        return elections.idOf(handbook.unit().code()).orElseGet(() -> {
            ElectionService.StartedElection started = service.start(ElectionRequest.of(handbook.unit()));
            candidates.saveAll(started.electionId(), handbook.candidates(), CurrentUser.SYSTEM, null);
            uploadTallies(started.electionId(), handbook, CurrentUser.SYSTEM);
            return started.electionId();
        });
    }

    /**
     * Creates the election of the allocation's unit {@code code} unless it exists (the handbook province's as
     * {@link #seed()} does), and returns its id either way: the unit's generated bodies
     * ({@link DemoIdentity#unitBodies}), its election registered in its own electoral unit (tenant {@code code})
     * with the rules of its kind ({@link GeneratedUnits#ruleOverrides}) and started, waiting at step 1, its
     * generated pool in the registry and, unless they are stored on drive ({@link UnitTallies#ON_DRIVE}), its
     * recommending units' branch tallies stored.
     *
     * @throws IllegalArgumentException for a code not in the allocation
     */
    @Transactional
    public long seedUnit(String code) {
        HandbookElection election = national().of(code);
        if (code.equals(HandbookElection.CODE)) {
            return seed();
        }
        return elections.idOf(code).orElseGet(() -> {
            ElectionUnit unit = election.unit();
            identity.unitBodies(code, unit.name(), unit.recommendingUnits());
            ElectionService.StartedElection started = service.start(ElectionRequest.of(unit).withRuleOverrides(
                    GeneratedUnits.ruleOverrides(national().allocation().row(code).orElseThrow().kind())), code);
            candidates.saveAll(started.electionId(), election.candidates(), CurrentUser.SYSTEM, null);
            if (unitTalliesSeeded) {
                uploadTallies(started.electionId(), election, CurrentUser.SYSTEM);
            }
            return started.electionId();
        });
    }

    /**
     * Seeds the allocation's unit {@code code} unless it exists ({@link #seedUnit}) and stores its recommending
     * units' generated branch tallies of round 1 unless the first of them has tallies stored; returns its id.
     *
     * @throws IllegalArgumentException for a code not in the allocation
     */
    @Transactional
    public long storeTallies(String code) {
        long electionId = seedUnit(code);
        HandbookElection election = national().of(code);
        if (nominations.participation(electionId, election.unit().recommendingUnits().get(0).code(), 1).isEmpty()) {
            uploadTallies(electionId, election, CurrentUser.SYSTEM);
        }
        return electionId;
    }

    /** The 38 units' generated elections, made once when first asked for. */
    public synchronized GeneratedUnits national() {
        if (national == null) {
            national = new GeneratedUnits();
        }
        return national;
    }

    /** Stores the generated branch tallies of every recommending unit of the handbook election {@code electionId}. */
    private void uploadTallies(long electionId, HandbookElection handbook, String uploadedBy) {
        GeneratedTallies.csvByUnit(handbook.unit(), handbook.candidates(), handbook.plan()).forEach((unit, csv) ->
                nominations.upload(electionId, unit, 1, TableFile.Format.CSV,
                        new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), uploadedBy, null));
    }
}

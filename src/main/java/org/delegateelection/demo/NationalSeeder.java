package org.delegateelection.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;

import org.camunda.bpm.engine.TaskService;
import org.delegateelection.national.CongressNotice;
import org.delegateelection.national.NationalRepository;
import org.delegateelection.national.SeatAllocation;
import org.delegateelection.process.NationalElections;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.TableFile;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo profile: when the application is ready and the national procedure of the 20th Congress ({@value #CODE}) is
 * not there yet, seeds every unit of the allocation shipped in {@value #ALLOCATION} with its generated bodies,
 * registry and branch tallies ({@link HandbookSeeder#seedUnit}: the handbook province's with the handbook's data, the
 * 37 others with {@link GeneratedUnits}', their tallies as {@link HandbookSeeder.UnitTallies} says), each election
 * waiting at step 1, then starts the national procedure with the
 * Centre's notice (2,300 seats, 38 electoral units, results by 30 June 2022) and that allocation, which links the 38
 * elections. Off with {@code delegate-election.demo.national=false}: the handbook province's election alone.
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "delegate-election.demo.national", havingValue = "true", matchIfMissing = true)
public class NationalSeeder {

    /** The demo's national procedure. */
    public static final String CODE = "cpc20";
    /** The allocation of the demo: 38 units, 2,300 seats. */
    public static final String ALLOCATION = "/national/allocation-20th.csv";

    /** The notice of the 20th Congress as the demo enters it (中共中央《关于党的二十大代表选举工作的通知》, November 2021). */
    public static final CongressNotice NOTICE = new CongressNotice(CODE, "中国共产党第二十次全国代表大会", 2300, 38,
            LocalDate.of(2022, 6, 30), LocalDate.of(2022, 6, 1), "女党员代表比例高于本地区女党员比例；生产和工作第一线代表不少于"
                    + "三分之一；党员领导干部代表不超过三分之二；55岁以下代表不少于一半；差额选举的差额比例多于15%");

    private final HandbookSeeder handbook;
    private final NationalElections national;
    private final NationalRepository repository;
    private final TaskService taskService;

    public NationalSeeder(HandbookSeeder handbook, NationalElections national, NationalRepository repository,
            TaskService taskService) {
        this.handbook = handbook;
        this.national = national;
        this.repository = repository;
        this.taskService = taskService;
    }

    /**
     * The demo's allocation ({@value #ALLOCATION}) as read and checked against {@link #NOTICE}.
     *
     * @throws IllegalStateException when the shipped file does not pass the checks
     */
    public static SeatAllocation allocation() {
        try {
            return SeatAllocation.read(TableFile.Format.CSV, allocationFile(), NOTICE, c -> true);
        } catch (InvalidInputException e) {
            throw new IllegalStateException(ALLOCATION + "：" + e.getMessage() + " " + e.problems(), e);
        }
    }

    private static byte[] allocationFile() {
        try (InputStream in = NationalSeeder.class.getResourceAsStream(ALLOCATION)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the demo's national procedure and its 38 units unless it exists; returns its id either way. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(1)
    @Transactional
    public long seed() {
        return repository.idOf(CODE).orElseGet(() -> {
            allocation().rows().forEach(row -> handbook.seedUnit(row.code()));
            NationalElections.Started started = national.start(NOTICE);
            national.allocate(CODE, TableFile.Format.CSV, allocationFile());
            taskService.complete(taskService.createTaskQuery().processInstanceId(started.processInstanceId())
                    .taskDefinitionKey("allocateSeats").singleResult().getId());
            return started.id();
        });
    }
}

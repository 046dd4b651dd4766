package org.delegateelection.process;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.task.Task;
import org.delegateelection.candidate.CandidateList;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.election.ElectionUnit;
import org.delegateelection.national.CongressNotice;
import org.delegateelection.national.NationalRepository;
import org.delegateelection.national.SeatAllocation;
import org.delegateelection.procedure.Stage;
import org.delegateelection.procedure.Steps;
import org.delegateelection.quota.QuotaReport;
import org.delegateelection.quota.QuotaReportRepository;
import org.delegateelection.security.CallerChecked;
import org.delegateelection.security.CurrentUser;
import org.delegateelection.system.CjkFont;
import org.delegateelection.system.ConflictException;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.NotFoundException;
import org.delegateelection.system.Problem;
import org.delegateelection.system.TableFile;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The national procedure ({@code national-election}, decision 0032): started with the Centre's notice, its seats
 * allocated to the electoral units while its task 分配各选举单位代表名额 is open, then each unit's
 * {@code delegate-election} linked by business key (the unit's code). The engine's checks of the caller are lifted
 * for the national instance's own reads and writes: the access rules of {@code /api/national/…} and the candidate
 * groups of its tasks decide who works on it, and the caller stays the engine's current user for the operation log.
 */
@Service
public class NationalElections {

    /** Key of the national process. */
    public static final String PROCESS_KEY = "national-election";
    /** Variable of the national instance: the national procedure's id. */
    public static final String NATIONAL_ID = "nationalElectionId";
    /** Variable of a unit's instance: the business key of the national procedure it belongs to. */
    public static final String NATIONAL_KEY = "nationalElection";

    /**
     * Activity types that are not where a unit stands: the scopes (stages, multi-instance bodies, the call of the
     * recommending units' nominations, whose tasks are counted themselves) and the joins a branch waits at.
     */
    private static final Set<String> NOT_STEPS = Set.of("subProcess", "multiInstanceBody", "callActivity",
            "parallelGateway", "inclusiveGateway");

    private final NationalRepository national;
    private final ElectionRepository elections;
    private final CandidateRepository candidates;
    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final HistoryService historyService;
    private final CallerChecked callerChecked;
    private final CurrentUser currentUser;
    private final CjkFont font;
    private final QuotaReportRepository quotaReports;
    private final Clock clock;

    public NationalElections(NationalRepository national, ElectionRepository elections, CandidateRepository candidates,
            RuntimeService runtimeService, TaskService taskService, HistoryService historyService,
            CallerChecked callerChecked, CurrentUser currentUser, CjkFont font, QuotaReportRepository quotaReports,
            Clock clock) {
        this.national = national;
        this.elections = elections;
        this.candidates = candidates;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.historyService = historyService;
        this.callerChecked = callerChecked;
        this.currentUser = currentUser;
        this.font = font;
        this.quotaReports = quotaReports;
        this.clock = clock;
    }

    /** A national procedure as started: its id and its process instance. */
    public record Started(long id, String processInstanceId) {
    }

    /**
     * Validates and stores the notice and starts the national procedure with the notice's code as business key; it
     * then waits for the allocation (task {@code allocateSeats}).
     *
     * @throws InvalidInputException for a bad field or a code already in use; nothing is stored then
     */
    @Transactional
    public Started start(CongressNotice request) {
        CongressNotice notice = request.validate(font::canPrint);
        if (national.idOf(notice.code()).isPresent()) {
            throw InvalidInputException.field("code", "代码 " + notice.code() + " 已被使用");
        }
        long id = national.insert(notice, currentUser.id());
        String instance = callerChecked.withoutEngineChecks(() -> runtimeService.startProcessInstanceByKey(PROCESS_KEY,
                notice.code(), Map.of(NATIONAL_ID, id, "noticeText", noticeText(notice),
                        "allocationSummary", ""))).getId();
        national.setProcessInstance(id, instance);
        return new Started(id, instance);
    }

    /**
     * Stores an allocation of the national procedure {@code code} as its next version, while its seats are being
     * allocated (the task {@code allocateSeats} open), and shows it in that task's form.
     *
     * @return the allocation stored
     * @throws NotFoundException     for an unknown code
     * @throws ConflictException     when the seats are allocated already (the units have started)
     * @throws InvalidInputException with every problem of the table by row and column; nothing is stored then
     */
    @Transactional
    public SeatAllocation allocate(String code, TableFile.Format format, byte[] content) {
        long id = idOf(code);
        String instance = processInstance(id);
        Task task = callerChecked.withoutEngineChecks(() -> taskService.createTaskQuery().processInstanceId(instance)
                .taskDefinitionKey("allocateSeats").singleResult());
        if (task == null) {
            throw new ConflictException("名额已分配，各选举单位的选举已经启动，不能再导入名额分配表");
        }
        return store(id, instance, SeatAllocation.read(format, content, national.notice(id), font::canPrint));
    }

    /**
     * Stores an allocation read for the national procedure {@code id} as its next version after checking it against
     * the elections registered beforehand under its codes (their seats must be the allocation's, their procedure
     * must not have ended, and none may belong to another unit of the allocation: that unit's people would run this
     * unit's election; decision 0036), and shows it in the allocation task's form.
     *
     * @throws InvalidInputException naming the row of every unit registered otherwise; nothing is stored then
     */
    SeatAllocation store(long id, String instance, SeatAllocation allocation) {
        checkRegistered(allocation);
        national.store(id, allocation, currentUser.id());
        callerChecked.withoutEngineChecks(() -> {
            runtimeService.setVariable(instance, "allocationSummary", allocation.rows().size() + " 个选举单位，共 "
                    + allocation.totalSeats() + " 名：" + allocation.rows().stream()
                    .map(r -> r.name() + " " + r.seats()).collect(Collectors.joining("、")));
            return null;
        });
        return allocation;
    }

    /**
     * Checks the allocation against the elections registered under its codes, at its import and again when the
     * seats are allocated (a unit may have registered meanwhile): see {@link #store}.
     *
     * @throws InvalidInputException naming the row of every unit registered otherwise
     */
    void checkRegistered(SeatAllocation allocation) {
        List<Problem> problems = new ArrayList<>();
        Set<String> codes = allocation.rows().stream().map(SeatAllocation.Row::code).collect(Collectors.toSet());
        for (SeatAllocation.Row row : allocation.rows()) {
            Optional<Long> registered = elections.idOf(row.code());
            if (registered.isEmpty()) {
                continue;
            }
            ElectionUnit unit = elections.get(registered.get());
            Optional<String> otherUnit = elections.tenantOf(unit.id())
                    .filter(tenant -> !tenant.equals(row.code()) && codes.contains(tenant));
            if (otherUnit.isPresent()) {
                problems.add(new Problem(row.row(), "代码", "选举单位 " + row.code() + " 的选举是选举单位 "
                        + otherUnit.get() + " 登记的，属于该单位，不能作为本单位的选举"));
            } else if (unit.seats() != row.seats()) {
                problems.add(new Problem(row.row(), "名额", "选举单位 " + row.code() + " 已登记的代表名额为 " + unit.seats()
                        + " 名，与分配的 " + row.seats() + " 名不符"));
            } else if (elections.processInstanceOf(unit.id()).filter(this::ended).isPresent()) {
                problems.add(new Problem(row.row(), "代码", "选举单位 " + row.code() + " 已登记的选举已经结束"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("名额分配表有误", problems);
        }
    }

    /** The id of the national procedure of this code; {@link NotFoundException} when there is none. */
    public long idOf(String code) {
        return national.idOf(code).orElseThrow(() -> new NotFoundException("没有代码为 " + code + " 的全国代表选举"));
    }

    /**
     * One unit in the national procedure.
     *
     * @param code              the unit's code
     * @param name              its name
     * @param kind              its kind in the allocation, in Chinese (e.g. 省区市)
     * @param seats             its seats
     * @param electionId        its election, {@code null} before it is started
     * @param processInstanceId the instance that runs it, {@code null} before
     * @param stage             the stage it is in, e.g. "第1阶段 部署启动"; {@code null} before it starts and after it ends
     * @param steps             where it is: its open tasks' steps without repeats ("第1步 登记代表名额和结构要求"), or,
     *                          with no task open, the events it waits for (e.g. "公示期满"); empty once it has ended
     * @param openTasks         the names of its open tasks, with their step numbers, one per task
     * @param daysToDeadline    calendar days from today (Asia/Shanghai) to the notice's deadline, negative once it has
     *                          passed; {@code null} once the unit has reported its results
     * @param latestQuota       its latest quota check, {@code null} before the first
     * @param elected           whether its delegates are elected (step 24 reached)
     * @param reported          whether its results are reported (step 24 completed)
     * @param confirmed         whether its delegates' credentials are confirmed (step 25 completed)
     * @param invalid           how many of its delegates were found invalid
     */
    public record UnitProgress(String code, String name, String kind, int seats, Long electionId,
            String processInstanceId, String stage, List<String> steps, List<String> openTasks,
            Integer daysToDeadline, QuotaResult latestQuota, boolean elected, boolean reported, boolean confirmed,
            int invalid) {
    }

    /**
     * The outcome of a unit's latest quota check.
     *
     * @param checkpoint the checkpoint's id, e.g. "preliminary"
     * @param title      its Chinese title, e.g. "初步人选结构检查"
     * @param passed     whether every blocking rule passed
     */
    public record QuotaResult(String checkpoint, String title, boolean passed) {
    }

    /** The units of the allocation in force, in its order, each with its progress. */
    public List<UnitProgress> progress(long id) {
        SeatAllocation allocation = national.allocation(id).orElse(new SeatAllocation(List.of()));
        LocalDate deadline = national.notice(id).deadline();
        return callerChecked.withoutEngineChecks(() -> allocation.rows().stream()
                .map(row -> progress(row, deadline)).toList());
    }

    /** The progress of one unit of the allocation. */
    UnitProgress progress(SeatAllocation.Row row, LocalDate deadline) {
        Optional<Long> electionId = elections.idOf(row.code());
        String instance = electionId.flatMap(elections::processInstanceOf).orElse(null);
        int days = (int) ChronoUnit.DAYS.between(LocalDate.now(clock), deadline);
        if (instance == null) {
            return new UnitProgress(row.code(), row.name(), row.kind().label(), row.seats(), electionId.orElse(null),
                    null, null, List.of(), List.of(), days, null, false, false, false, 0);
        }
        List<String> open = taskService.createTaskQuery().processInstanceBusinessKey(row.code())
                .orderByTaskCreateTime().asc().list().stream()
                .map(t -> stepName(t.getTaskDefinitionKey(), t.getName())).toList();
        List<HistoricActivityInstance> current = historyService.createHistoricActivityInstanceQuery()
                .processInstanceId(instance).unfinished().list();
        String stage = Arrays.stream(Stage.values())
                .filter(s -> current.stream().anyMatch(a -> a.getActivityId().equals(s.activityId())))
                .map(s -> "第" + s.number() + "阶段 " + s.title()).findFirst().orElse(null);
        List<String> steps = !open.isEmpty() ? open.stream().distinct().toList() : current.stream()
                .filter(a -> !NOT_STEPS.contains(a.getActivityType()))
                .map(a -> stepName(a.getActivityId(), a.getActivityName())).distinct().toList();
        boolean reported = reached(instance, "reportResults", true);
        QuotaResult quota = quotaReports.latest(electionId.get()).map(QuotaReport::fromJson)
                .map(r -> new QuotaResult(r.checkpoint().id(), r.title(), r.passed())).orElse(null);
        return new UnitProgress(row.code(), row.name(), row.kind().label(), row.seats(), electionId.get(), instance,
                stage, steps, open, reported ? null : days, quota, reached(instance, "reportResults", false), reported,
                candidates.isDecided(electionId.get(), CandidateList.CONFIRMED),
                national.findings(electionId.get()).size());
    }

    /** A step's name with its number ("第1步 登记代表名额和结构要求"), or the activity's name outside the catalogue. */
    private static String stepName(String key, String name) {
        return Steps.find(key).map(s -> s.number() == null ? s.title() : "第" + s.number() + "步 " + s.title())
                .orElse(name);
    }

    /** The progress check's moment: the beginning (Asia/Shanghai) of the notice's progress check day. */
    Date progressCheckAt(long id) {
        return Date.from(Instant.from(national.notice(id).progressCheckOn().atStartOfDay(ElectionService.ZONE)));
    }

    /** The codes of the units of the allocation in force. */
    List<String> unitCodes(long id) {
        return national.allocation(id).orElseThrow().rows().stream().map(SeatAllocation.Row::code).toList();
    }

    SeatAllocation allocation(long id) {
        return national.allocation(id).orElseThrow();
    }

    CongressNotice notice(long id) {
        return national.notice(id);
    }

    private String processInstance(long id) {
        return national.processInstanceOf(id).orElseThrow();
    }

    private boolean reached(String instance, String activityId, boolean finished) {
        var query = historyService.createHistoricActivityInstanceQuery().processInstanceId(instance)
                .activityId(activityId);
        return (finished ? query.finished() : query).count() > 0;
    }

    private boolean ended(String instance) {
        return callerChecked.withoutEngineChecks(() -> historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(instance).finished().count() > 0);
    }

    private static String noticeText(CongressNotice notice) {
        return notice.congressName() + "：代表名额 " + notice.totalSeats() + " 名，分配给 " + notice.unitCount()
                + " 个选举单位；" + notice.deadline() + " 前完成选举并上报结果，进度检查日 " + notice.progressCheckOn()
                + "（届时尚未完成会议选举的选举单位将被催办）。结构要求：" + notice.requirements();
    }
}

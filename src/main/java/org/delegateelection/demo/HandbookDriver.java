package org.delegateelection.demo;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.delegateelection.calendar.PublicNoticeCalendar;
import org.delegateelection.calendar.WorkingDayPeriod;
import org.delegateelection.candidate.CandidateList;
import org.delegateelection.candidate.CandidateReports;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.election.ElectionUnit;
import org.delegateelection.election.RecommendingUnit;
import org.delegateelection.nomination.NominationRepository;
import org.delegateelection.procedure.Step;
import org.delegateelection.procedure.StepFamily;
import org.delegateelection.procedure.Steps;
import org.delegateelection.process.CandidateReportIntake;
import org.delegateelection.quota.Checkpoint;
import org.delegateelection.quota.QuotaReport;
import org.delegateelection.report.CompositionReport;
import org.delegateelection.security.UnitTenants;
import org.delegateelection.system.TableFile;
import org.delegateelection.vote.BallotRounds;
import org.delegateelection.vote.Vote;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Drives the handbook province's election from step 1 to step 25 the way its users would in Tasklist: for each open
 * task it takes a member of the task's candidate group, claims the task and submits its form through the engine's
 * public services as that user (the engine checks the user's authorizations and logs the user), with the decisions
 * of {@link HandbookElection#plan()}. On the way it sends the planned report
 * against a candidate and the objection during the public notice, proposes a preliminary list that fails its quota
 * check first, and executes the public notice's timer job once it shows the real due date. In an election of several
 * consultation rounds (三上三下) each unit uploads, before its step 5 of a later round, its branches' tallies on the
 * list the round before sent down ({@link GeneratedTallies#csvOfList}). Everything it does is printed: each step,
 * each quota report, the due date, and at the end the composition of the elected delegates.
 */
@Component
@Profile("demo")
public class HandbookDriver {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final HandbookSeeder seeder;
    private final ElectionRepository elections;
    private final CandidateRepository candidates;
    private final CandidateReportIntake reportIntake;
    private final TaskService taskService;
    private final FormService formService;
    private final IdentityService identityService;
    private final ManagementService managementService;
    private final HistoryService historyService;
    private final JdbcClient jdbc;
    private final PublicNoticeCalendar noticeCalendar;
    private final BallotRounds ballotRounds;
    private final UnitTenants tenants;
    private final NominationRepository nominations;

    public HandbookDriver(HandbookSeeder seeder, ElectionRepository elections, CandidateRepository candidates,
            CandidateReportIntake reportIntake, TaskService taskService, FormService formService,
            IdentityService identityService, ManagementService managementService, HistoryService historyService,
            JdbcClient jdbc, PublicNoticeCalendar noticeCalendar, BallotRounds ballotRounds, UnitTenants tenants,
            NominationRepository nominations) {
        this.nominations = nominations;
        this.tenants = tenants;
        this.ballotRounds = ballotRounds;
        this.noticeCalendar = noticeCalendar;
        this.seeder = seeder;
        this.elections = elections;
        this.candidates = candidates;
        this.reportIntake = reportIntake;
        this.taskService = taskService;
        this.formService = formService;
        this.identityService = identityService;
        this.managementService = managementService;
        this.historyService = historyService;
        this.jdbc = jdbc;
    }

    /**
     * Carries the handbook election (created if absent) to its end and prints what happens, with the showcase of
     * the plan: a preliminary list that fails its check first, a confirmed report, an objection during the notice.
     *
     * @param noticeDate the day the public notice is published (its due date is computed from it), or {@code null}
     *                   for today
     * @return the election's id
     * @throws IllegalStateException when the procedure stops somewhere the plan does not expect
     */
    public long drive(PrintStream out, LocalDate noticeDate) {
        long electionId = seeder.seed();
        ElectionUnit unit = elections.get(electionId);
        out.printf("== %s（%s）：%d 个代表名额，%d 个推荐单位，人选库 %d 人%n", unit.name(), unit.code(), unit.seats(),
                unit.recommendingUnits().size(), candidates.findAll(electionId).size());
        Run run = new Run(out, electionId, unit.code(), true, noticeDate);
        advanceTo(run, null);
        out.println("== 选举工作完成。当选代表构成（第25步确认）：");
        out.println(CompositionReport.of(candidates.list(electionId, CandidateList.CONFIRMED.key()),
                unit.ageReferenceDate()).toText());
        return electionId;
    }

    /**
     * Carries the election of the national allocation's unit {@code code} (seeded if absent, with its branch tallies,
     * {@link HandbookSeeder#storeTallies}) to its end with its generated plan, without the handbook's showcase, and prints
     * what happens and the composition of its confirmed delegates.
     *
     * @param noticeDate the day the public notice is published, or {@code null} for today
     * @return the election's id
     * @throws IllegalArgumentException for a code not in the allocation
     * @throws IllegalStateException    when the procedure stops somewhere the plan does not expect
     */
    public long driveUnit(PrintStream out, String code, LocalDate noticeDate) {
        long electionId = seeder.storeTallies(code);
        ElectionUnit unit = elections.get(electionId);
        out.printf("== %s（%s）：%d 个代表名额，%d 个推荐单位，人选库 %d 人%n", unit.name(), unit.code(), unit.seats(),
                unit.recommendingUnits().size(), candidates.findAll(electionId).size());
        advanceTo(new Run(out, electionId, code, seeder.national().of(code).plan(), noticeDate), null);
        out.println("== " + unit.name() + "选举工作完成。当选代表构成（第25步确认）：");
        out.println(CompositionReport.of(candidates.list(electionId, CandidateList.CONFIRMED.key()),
                unit.ageReferenceDate()).toText());
        return electionId;
    }

    /**
     * Completes the open tasks of an election with the handbook plan's decisions, and runs its jobs, until a task
     * of the given key is open (it is left open) or, for {@code null}, until the procedure has ended. The election
     * must carry the handbook's recommending units and candidates (its code may differ).
     *
     * @throws IllegalStateException when the procedure ends, or stops elsewhere, before that task opens
     */
    public void advanceTo(Run run, String taskKey) {
        String processInstanceId = elections.processInstanceOf(run.electionId).orElseThrow();
        while (true) {
            List<Task> tasks = taskService.createTaskQuery().processInstanceBusinessKey(run.code)
                    .orderByTaskCreateTime().asc().list();
            if (taskKey != null && tasks.stream().anyMatch(t -> t.getTaskDefinitionKey().equals(taskKey))) {
                return;
            }
            if (!tasks.isEmpty()) {
                complete(run, tasks.get(0));
            } else if (ended(processInstanceId)) {
                break;
            } else {
                runJobs(run, processInstanceId);
            }
            printNewReports(run);
        }
        if (taskKey != null) {
            throw new IllegalStateException("流程已结束，未到达任务 " + taskKey);
        }
    }

    /**
     * One drive of one election: what it has sent and the last quota report printed.
     * With {@code showcase}, the plan's failing preliminary list, report and objection are played too.
     */
    public static final class Run {
        final PrintStream out;
        final DecisionPlan plan;
        final long electionId;
        final String code;
        boolean failingPreliminaryTried;
        boolean reportSent;
        boolean objectionSent;
        long lastReportId;
        final LocalDate noticeDate;
        /** Each candidate group's first member by user id, if it has one, as looked up during this drive. */
        final Map<String, Optional<User>> members = new HashMap<>();
        /** Each user's groups and units, as looked up at the user's first completion in this drive (a login). */
        final Map<String, Login> logins = new HashMap<>();
        LocalDate publishedOn;

        /** A drive of the election {@code electionId} whose business key is {@code code}, printing to {@code out}. */
        public Run(PrintStream out, long electionId, String code, boolean showcase) {
            this(out, electionId, code, showcase, null);
        }

        /**
         * A drive that publishes the public notice on {@code noticeDate} (Asia/Shanghai, 09:00 on the engine's
         * clock), or today when it is {@code null}.
         */
        public Run(PrintStream out, long electionId, String code, boolean showcase, LocalDate noticeDate) {
            this(out, electionId, code, showcase, noticeDate, new HandbookElection().plan());
        }

        /** A drive, without the showcase, of an election generated with another plan (a unit of another size). */
        public Run(PrintStream out, long electionId, String code, DecisionPlan plan) {
            this(out, electionId, code, false, null, plan);
        }

        /** A drive, without the showcase, with another plan, publishing the notice on {@code noticeDate} (or today). */
        public Run(PrintStream out, long electionId, String code, DecisionPlan plan, LocalDate noticeDate) {
            this(out, electionId, code, false, noticeDate, plan);
        }

        private Run(PrintStream out, long electionId, String code, boolean showcase, LocalDate noticeDate,
                    DecisionPlan plan) {
            this.plan = plan;
            this.out = out;
            this.electionId = electionId;
            this.code = code;
            this.noticeDate = noticeDate;
            this.failingPreliminaryTried = !showcase;
            this.reportSent = !showcase;
            this.objectionSent = !showcase;
        }
    }

    /** A user signed in: his groups and the units (tenants) he works for, as the engine's authentication takes them. */
    private record Login(List<String> groups, List<String> tenantIds) {
    }

    private void complete(Run run, Task task) {
        String key = task.getTaskDefinitionKey();
        if ("consultDisciplineCommission".equals(key) && !run.reportSent) {
            DecisionPlan.CandidateReport report = run.plan.confirmedReport();
            run.out.printf("   → 收到对候选人 %s 的举报：%s%n", report.candidateId(), report.report());
            reportIntake.receive(run.electionId, report.candidateId(), CandidateReports.Kind.REPORT, report.report());
            run.reportSent = true;
            return;
        }
        User user = memberOf(run, task);
        if ("branchRecommendation".equals(key)) {
            uploadRoundTallies(run, taskVariable(task, "unitCode"), user);
        }
        Step step = Steps.of(key);
        Map<String, Object> values = decide(run, key, task.getName(), () -> taskVariable(task, "unitCode"),
                tally -> enterBallots(run, step.vote(), tally));
        // as Tasklist does: the engine checks the user's rights and writes the user into its operation log
        Login login = run.logins.computeIfAbsent(user.getId(), id -> new Login(identityService.createGroupQuery()
                .groupMember(id).list().stream().map(Group::getId).toList(), tenants.of(id)));
        identityService.setAuthentication(user.getId(), login.groups(), login.tenantIds());
        if ("consultCentralOrganization".equals(key)) {
            // step 17's agreement publishes the notice (its variable noticePublishedAt is the engine's time then),
            // on the notice date if one is given: the engine's clock moved there and still running, so that history
            // keeps its order
            if (run.noticeDate != null) {
                ClockUtil.offset(run.noticeDate.atTime(9, 0).atZone(ZONE).toInstant().toEpochMilli()
                        - System.currentTimeMillis());
            }
            run.publishedOn = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZONE);
        }
        try {
            taskService.claim(task.getId(), user.getId());
            formService.submitTaskForm(task.getId(), values);
        } finally {
            identityService.clearAuthentication();
        }
        // the presidium's decision belongs to the vote of step 23; the other steps without a number verify a report
        String number = step.number() != null ? String.format("第%2d步", step.number())
                : "presidiumDecision".equals(key) ? "第23步" : "  举报";
        run.out.printf("%s %s（%s）— %s 完成%n", number, task.getName(), key, user.getFirstName());
        if (step.family() == StepFamily.TALLY) {
            run.out.println("       计票：" + historyService.createHistoricVariableInstanceQuery()
                    .processInstanceId(task.getProcessInstanceId())
                    .variableName("preliminaryBallot".equals(key) ? "preliminaryOutcome" : "roundOutcome")
                    .singleResult()
                    .getValue());
        }
    }

    /**
     * The values the plan submits for a task, as {@link #advanceTo} submits them through the form service and a REST
     * client through {@code POST /engine-rest/task/{id}/submit-form}: Boolean, Integer, String, lists of candidate
     * ids as JSON object values; at step 20 and at step 23 (and in a preliminary round before it, which ranks by the
     * same planned approvals) the attendance and the batch of ballots entered for the plan's tally of the vote.
     *
     * @param key         the task definition key
     * @param taskName    the task's name, for the record-of-work steps' note
     * @param unitCode    the task's variable {@code unitCode}, asked only for the steps of a recommending unit
     * @param ballotEntry enters the ballots behind the plan's tally for the open round of the task's vote (as its
     *                    counters upload them) and gives the batch's id; asked only at steps 20 and 23
     */
    public static Map<String, Object> decide(Run run, String key, String taskName, Supplier<String> unitCode,
            Function<DecisionPlan.Tally, String> ballotEntry) {
        DecisionPlan plan = run.plan;
        Step step = Steps.of(key);
        Map<String, Object> values = new HashMap<>();
        switch (step.family()) {
            case FIGURES -> {
                // the allocation and plan stand as registered (the form shows them pre-filled); a unit's branch
                // tallies were uploaded beforehand (HandbookSeeder)
            }
            case APPROVAL -> {
                if ("consultDisciplineCommission".equals(key)) {
                    values.put("partySecretarySigned", true);
                    values.put("disciplineChiefSigned", true);
                    values.put("opinion", "经审核，人选廉洁自律方面未发现问题。");
                } else if ("presidiumDecision".equals(key)) {
                    // only a plan that leaves seats empty meets a shortfall: the presidium elects no more
                    values.put("anotherRound", false);
                    values.put("comment", "当选人数接近应选名额，主席团决定不再另行选举。");
                } else {
                    values.put("approved", true);
                }
            }
            case LIST -> values.put("selectedCandidateIds", ids(switch (step.decides()) {
                case NOMINEES -> nomination(plan, unitCode.get()).nomineeIds();
                case INSPECTION, CLEARED_ARCHIVES, CLEARED_PERSONAL_MATTERS, CLEARED_DISCIPLINE, CLEARED_PETITIONS ->
                        plan.inspectionList();
                case SUITABLE -> plan.keptAfterInspection();
                case PRELIMINARY -> {
                    List<String> list = run.failingPreliminaryTried ? plan.preliminaryList()
                            : plan.failingPreliminaryProposal();
                    run.failingPreliminaryTried = true;
                    yield list;
                }
                case CONFIRMED -> plan.electedList();
                default -> throw new IllegalStateException("示例计划中没有名单 " + step.decides());
            }));
            case VERIFICATION -> verdict(values, "verifyReport".equals(key) ? plan.confirmedReport()
                    : plan.unconfirmedObjection());
            case CORRECTION -> {
                values.put("approved", true);
                values.put("finding", "经核对干部档案，申请属实，予以更正。");
            }
            case TALLY -> {
                DecisionPlan.Tally tally = step.vote() == Vote.PLENARY ? plan.plenaryTally() : plan.tally();
                values.put("ballotBatchId", ballotEntry.apply(tally));
                values.put("electorsDueToAttend", tally.electorsDueToAttend());
                values.put("electorsPresent", tally.electorsPresent());
                values.put("ballotsIssued", tally.ballotsIssued());
            }
            case NATIONAL -> throw new IllegalStateException("示例计划不办理全国流程的任务 " + key);
            case RECORD -> {
                values.put("completedOn", LocalDate.now(ZONE).toString());
                if ("plenaryDeliberation".equals(key)) {
                    values.put("note", "全委会已酝酿初步人选，确定表决产生预备人选 " + plan.prospectiveList().size() + " 名。");
                    values.put("prospectiveCount", plan.prospectiveList().size());
                } else {
                    values.put("note", "已按实施方案完成" + taskName + "。");
                }
            }
        }
        return values;
    }

    /**
     * Step 5 of a consultation round after the first, unless the unit has uploaded the round's tallies: the unit's
     * user uploads its branches' tallies on the list the round before sent down (round 1's come with the election).
     */
    private void uploadRoundTallies(Run run, String unitCode, User user) {
        int round = nominations.roundUnderWay(run.electionId, unitCode);
        if (round == 1 || nominations.participation(run.electionId, unitCode, round).isPresent()) {
            return;
        }
        List<String> list = nominations.list(run.electionId, unitCode, round - 1).stream()
                .map(NominationRepository.Listed::candidateId).toList();
        RecommendingUnit unit = elections.get(run.electionId).recommendingUnits().stream()
                .filter(ru -> ru.code().equals(unitCode)).findFirst().orElseThrow();
        nominations.upload(run.electionId, unitCode, round, TableFile.Format.CSV,
                new ByteArrayInputStream(GeneratedTallies.csvOfList(unit, list, round).getBytes(StandardCharsets.UTF_8)),
                user.getId(), null);
        run.out.printf("       第 %d 轮征求意见：%s按下发的名单（%d 名）上传党支部推荐情况%n", round, unit.name(), list.size());
    }

    /** Steps 20 and 23: the ballots behind the plan's tally entered as a file; the batch's id. */
    private String enterBallots(Run run, Vote vote, DecisionPlan.Tally tally) {
        String csv = GeneratedBallots.csv(ballotRounds.nextBallot(run.electionId, vote), tally.approvals(),
                tally.ballotsReturned() - tally.invalidBallots(), tally.invalidBallots());
        return ballotRounds.enter(run.electionId, vote, TableFile.Format.CSV,
                csv.getBytes(StandardCharsets.UTF_8)).batchId();
    }

    private static void verdict(Map<String, Object> values, DecisionPlan.CandidateReport report) {
        values.put("confirmed", report.confirmed());
        values.put("finding", report.finding());
    }

    /** No task is open: the procedure waits on a job (the public notice). Sends the planned objection first. */
    private void runJobs(Run run, String processInstanceId) {
        List<Job> jobs = managementService.createJobQuery().processInstanceId(processInstanceId).list();
        if (jobs.isEmpty()) {
            throw new IllegalStateException("流程既无待办任务也无作业，停在了意外的位置");
        }
        for (Job job : jobs) {
            if (job.getDuedate() != null) {
                if (!run.objectionSent) {
                    DecisionPlan.CandidateReport objection = run.plan.unconfirmedObjection();
                    run.out.printf("   → 公示期间收到对 %s 的反映：%s%n", objection.candidateId(), objection.report());
                    reportIntake.receive(run.electionId, objection.candidateId(), CandidateReports.Kind.OBJECTION,
                            objection.report());
                    run.objectionSent = true;
                    return;
                }
                WorkingDayPeriod notice = noticeCalendar.period(run.publishedOn);
                run.out.printf("第18步 党内公示：%s 发布，计入 %d 个工作日 %s，最后一个工作日 %s；"
                                + "计时器到期 %s，执行计时器作业%n", notice.from(), notice.count(),
                        notice.workingDays(), notice.lastWorkingDay(), job.getDuedate().toInstant().atZone(ZONE));
                managementService.executeJob(job.getId());
                ClockUtil.resetClock();
            } else {
                // the job before the timer: it sets the due date, counted from the publication
                managementService.executeJob(job.getId());
            }
        }
    }

    private void printNewReports(Run run) {
        jdbc.sql("select id, report from quota_report where election_id = ? and id > ? order by id")
                .params(run.electionId, run.lastReportId)
                .query((rs, n) -> {
                    run.lastReportId = rs.getLong(1);
                    QuotaReport report = QuotaReport.fromJson(rs.getString(2));
                    String text = report.toMarkdown();
                    // the 17 units' passing checks of stage 2 are shown by their heading only
                    boolean unitCheck = report.checkpoint() == Checkpoint.PARTICIPATION
                            || report.checkpoint() == Checkpoint.UNIT_NOMINEES;
                    run.out.println(indent(unitCheck && report.passed() ? text.lines().findFirst().orElse("") : text));
                    return null;
                }).list();
    }

    private boolean ended(String processInstanceId) {
        return historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId)
                .finished().count() == 1;
    }

    /**
     * The first member, by user id, of the task's candidate groups taken in group-id order; each group's first member
     * is looked up once per drive.
     */
    private User memberOf(Run run, Task task) {
        List<String> groups = taskService.getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId).sorted().toList();
        for (String group : groups) {
            // a member of the body who works for the election's unit (decision 0030)
            Optional<User> first = run.members.computeIfAbsent(group, g -> identityService.createUserQuery()
                    .memberOfGroup(g).orderByUserId().asc().list().stream()
                    .filter(user -> task.getTenantId() == null || tenants.of(user.getId()).contains(task.getTenantId()))
                    .findFirst());
            if (first.isPresent()) {
                return first.get();
            }
        }
        throw new IllegalStateException("任务 " + task.getName() + " 的候选组中没有用户");
    }

    private String taskVariable(Task task, String name) {
        return (String) taskService.getVariable(task.getId(), name);
    }

    private static DecisionPlan.UnitNomination nomination(DecisionPlan plan, String unitCode) {
        return plan.nominations().stream().filter(n -> n.unitCode().equals(unitCode)).findFirst().orElseThrow();
    }

    private static Object ids(List<String> ids) {
        return Variables.objectValue(new ArrayList<>(ids)).serializationDataFormat("application/json").create();
    }

    private static String indent(String text) {
        StringBuilder out = new StringBuilder();
        text.lines().forEach(line -> out.append("       ").append(line).append('\n'));
        return out.toString().stripTrailing();
    }
}

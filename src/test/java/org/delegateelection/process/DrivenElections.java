package org.delegateelection.process;

import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;
import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.CandidateList;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.demo.DecisionPlan;
import org.delegateelection.demo.HandbookDriver;
import org.delegateelection.demo.HandbookElection;
import org.delegateelection.election.ElectionUnit;
import org.delegateelection.system.InputValues;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Test support for the process tests of the later stages: starts a copy of the handbook election
 * ({@link TestElections}), drives it with the handbook plan ({@link HandbookDriver}) to the task under test, and reads
 * what a user checks there: the open tasks, the quota report a task shows, the lists and statuses in the registry,
 * and a snapshot of everything a task completion could change. Demo profile only, where the driver is.
 */
@Component
@Profile("demo")
public class DrivenElections {

    /** The handbook's election unit, which every election started here copies. */
    public static final ElectionUnit UNIT = new HandbookElection().unit();

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    private final TestElections testElections;
    private final HandbookDriver driver;
    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final ManagementService managementService;
    private final HistoryService historyService;
    private final CandidateRepository candidates;
    private final JdbcClient jdbc;

    DrivenElections(TestElections testElections, HandbookDriver driver, RuntimeService runtimeService,
            TaskService taskService, ManagementService managementService, HistoryService historyService,
            CandidateRepository candidates, JdbcClient jdbc) {
        this.testElections = testElections;
        this.driver = driver;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.managementService = managementService;
        this.historyService = historyService;
        this.candidates = candidates;
        this.jdbc = jdbc;
    }

    /** Starts the handbook election under {@code code} (lower case letters, digits and hyphens). */
    public Election start(String code) {
        ElectionService.StartedElection started = testElections.start(code);
        return new Election(started.electionId(), code, runtimeService.createProcessInstanceQuery()
                .processInstanceId(started.processInstanceId()).singleResult());
    }

    /**
     * Starts the handbook election under {@code code} with a preliminary election before the formal vote, and with
     * rule overrides ({@code null} for none).
     */
    public Election startWithPreliminaryElection(String code, Map<String, Map<String, Object>> ruleOverrides) {
        ElectionService.StartedElection started = testElections.start(code, ruleOverrides, true);
        return new Election(started.electionId(), code, runtimeService.createProcessInstanceQuery()
                .processInstanceId(started.processInstanceId()).singleResult());
    }

    /** A list of candidate ids as a REST client or Tasklist sends it: a Json variable. */
    public static TypedValue idList(Collection<String> ids) {
        return SpinValues.jsonValue(InputValues.toJson(List.copyOf(ids))).create();
    }

    /** Any value written as a Json variable, e.g. a tally. */
    public static TypedValue json(Object value) {
        return SpinValues.jsonValue(InputValues.toJson(value)).create();
    }

    /**
     * The sentence of the women's rule in a quota report on these people, e.g. "女性 23 名，占 28.0%，应高于本单位党员中女性比例
     * 29.0%": the count, its share rounded half up to one decimal, and the share among the unit's party members.
     */
    public static String womenSentence(List<Candidate> people) {
        long women = people.stream().filter(Candidate::woman).count();
        BigDecimal percent = BigDecimal.valueOf(women * 100).divide(BigDecimal.valueOf(people.size()), 1,
                RoundingMode.HALF_UP);
        return "女性 " + women + " 名，占 " + percent + "%，应高于本单位党员中女性比例 "
                + UNIT.womenMemberShare().movePointRight(2).setScale(1, RoundingMode.HALF_UP) + "%";
    }

    /**
     * What a task completion can change, as rows of text: the open tasks, the instance's variables (with their
     * revision) and jobs, and the election's lists, statuses, quota reports, counted rounds of both votes, entered
     * ballots and reports, with the preliminary round as round 0 of the congress and the number of prospective
     * candidates to vote as round 0 of the plenary vote.
     */
    public record Snapshot(List<Map<String, Object>> tasks, List<Map<String, Object>> variables,
            List<Map<String, Object>> jobs, List<Map<String, Object>> lists, List<Map<String, Object>> statuses,
            List<Map<String, Object>> quotaReports, List<Map<String, Object>> rounds,
            List<Map<String, Object>> ballots, List<Map<String, Object>> reports) {
    }

    /** One election under test. */
    public final class Election {

        public final long id;
        public final String code;
        public final ProcessInstance instance;
        public final DecisionPlan plan = new HandbookElection().plan();
        private final HandbookDriver.Run run;

        private Election(long id, String code, ProcessInstance instance) {
            this.id = id;
            this.code = code;
            this.instance = instance;
            this.run = new HandbookDriver.Run(QUIET, id, code, false);
        }

        /**
         * Completes the open tasks with the handbook plan until a task {@code key} is open. Must not pass the public
         * notice (step 18): use {@link #advancePastNoticeTo} for a task after it.
         */
        public Election advanceTo(String key) {
            driver.advanceTo(run, key);
            return this;
        }

        /**
         * Drives a fresh election to a task after the public notice: to step 17 with the plan, through the notice
         * with {@link #passPublicNotice()}, then on to {@code key} with the plan.
         */
        public Election advancePastNoticeTo(String key) {
            advanceTo("consultCentralOrganization");
            passPublicNotice();
            return advanceTo(key);
        }

        /**
         * Step 17 agrees, the notice starts (its asynchronous continuation runs, so the timer is set by the engine's
         * clock) and, with no objection, its timer fires.
         */
        public void passPublicNotice() {
            startPublicNotice();
            endPublicNotice();
        }

        /** Step 17 agrees and the notice starts: afterwards the timer job waits with its due date. */
        public void startPublicNotice() {
            complete("consultCentralOrganization", Map.of("approved", true));
            managementService.executeJob(job().getId());
        }

        /** The notice's timer fires. */
        public void endPublicNotice() {
            managementService.executeJob(job().getId());
        }

        /** The only job of the instance (the public notice's continuation or timer). */
        public Job job() {
            return managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
        }

        /** The open task {@code key}; fails when there is none or more than one. */
        public Task task(String key) {
            Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key)
                    .singleResult();
            if (task == null) {
                throw new AssertionError("任务 " + key + " 未打开，当前待办："
                        + taskService.createTaskQuery().processInstanceId(instance.getId()).list().stream()
                                .map(Task::getTaskDefinitionKey).toList());
            }
            return task;
        }

        /** Completes the open task {@code key} with the given values, as the REST API's /task/{id}/complete does. */
        public void complete(String key, Map<String, Object> values) {
            taskService.complete(task(key).getId(), values);
        }

        /** The quota report (Markdown) that the open task {@code key} shows. */
        public String reportShownAt(String key) {
            return (String) taskService.getVariableLocal(task(key).getId(), "quotaReportText");
        }

        /** A task-local variable of the open task {@code key}, e.g. the ballot text of step 23. */
        public Object shownAt(String key, String variable) {
            return taskService.getVariableLocal(task(key).getId(), variable);
        }

        /** A process variable, also after the instance has ended. */
        public Object variable(String name) {
            return historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                    .variableName(name).singleResult().getValue();
        }

        /** How many times the activity was entered. */
        public long timesEntered(String activityId) {
            return historyService.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                    .activityId(activityId).count();
        }

        /** The people on a list, not removed, in id order. */
        public List<Candidate> people(CandidateList list) {
            return candidates.list(id, list.key());
        }

        /** The ids of the people on a list, not removed, in id order. */
        public List<String> ids(CandidateList list) {
            return people(list).stream().map(Candidate::id).toList();
        }

        /** The people with the given ids in the registry, in id order. */
        public List<Candidate> people(Collection<String> ids) {
            return candidates.findByIds(id, ids);
        }

        /** One person of the registry. */
        public Candidate person(String candidateId) {
            return people(List.of(candidateId)).get(0);
        }

        /** Everything a task completion could change, to compare before and after. */
        public Snapshot snapshot() {
            return new Snapshot(
                    rows("select id_, task_def_key_, rev_ from act_ru_task where proc_inst_id_ = ? order by id_",
                            instance.getId()),
                    rows("select id_, rev_, name_, execution_id_, task_id_, type_, text_, long_, double_, "
                            + "bytearray_id_ from act_ru_variable where proc_inst_id_ = ? order by id_",
                            instance.getId()),
                    rows("select id_, rev_, retries_ from act_ru_job where process_instance_id_ = ? order by id_",
                            instance.getId()),
                    rows("select list_name, candidate_id from candidate_list where election_id = ? "
                            + "order by list_name, candidate_id", id),
                    rows("select id, status from candidate where election_id = ? order by id", id),
                    rows("select id, checkpoint, passed from quota_report where election_id = ? order by id", id),
                    rows("select 'CONGRESS' vote, round, tally from tally_round where election_id = ? union all "
                            + "select 'CONGRESS', 0, formal_ballot from preliminary_round where election_id = ? "
                            + "union all select 'PLENARY', round, tally from plenary_round where election_id = ? "
                            + "union all select 'PLENARY', 0, cast(prospective_count as varchar(10)) from election "
                            + "where id = ? order by vote, round", id, id, id, id),
                    rows("select b.id, b.vote, b.counted_in_round, m.candidate, m.approvals from ballot_batch b "
                            + "join ballot_marks m on m.batch_id = b.id where b.election_id = ? "
                            + "order by b.id, m.candidate", id),
                    rows("select id, candidate_id, confirmed from candidate_report where election_id = ? "
                            + "order by id", id));
        }

        private List<Map<String, Object>> rows(String sql, Object... parameters) {
            return jdbc.sql(sql).params(parameters).query().listOfRows();
        }
    }
}

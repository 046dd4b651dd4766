package org.delegateelection.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.delegateelection.EngineClock;
import org.delegateelection.ProcessTest;
import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.demo.DecisionPlan;
import org.delegateelection.demo.DemoIdentity;
import org.delegateelection.demo.GeneratedBallots;
import org.delegateelection.demo.HandbookDriver;
import org.delegateelection.demo.HandbookElection;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.process.TestElections;
import org.delegateelection.system.TableFile;
import org.delegateelection.vote.BallotRounds;
import org.delegateelection.vote.Vote;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The authorization matrix over HTTP, as each body's user meets it: every group × every task type of the deployed
 * diagrams (seen, claimed, completed — allowed for the task's candidate groups, refused for everyone else) and every
 * endpoint of {@code /api} (allowed for the groups of its rule, 403 for the others, 401 without login), with the
 * handbook election driven from step 1 to its end. A recommending unit's user logged into Tasklist sees its unit's
 * tasks only, and only its unit's people through {@code /api} with the same session. Across two electoral units
 * (decision 0030): every body's user of a second unit, and two of its recommending units' users, are refused every
 * task (not seen, not claimed, not completed, also where their group is the candidate group) and every endpoint of
 * the handbook unit's election.
 */
@ProcessTest
class AuthorizationMatrixTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MATRIX_CODE = "t-authorization-matrix";

    /** A member of the organization department who is not an administrator (administrators bypass every check). */
    private static final String ORG_CLERK = "org-clerk";
    /** The second electoral unit, whose generated bodies must get nothing of the handbook unit's election. */
    private static final String OTHER_UNIT = "t-matrix-other";

    /** The user tasks in the order the handbook election meets them. */
    private static final List<String> TASK_ORDER = List.of("registerAllocation", "draftImplementationPlan",
            "approveImplementationPlan", "mobilizeAndEducate", "branchRecommendation", "grassrootsSelection",
            "recommendingUnitDecision", "proposeInspectionList", "announceInspection", "conductInspection",
            "checkArchives", "verifyPersonalMatters", "hearDisciplineCommission", "investigatePetitions",
            "verifyIdentity", "inspectionReport", "consultDisciplineCommission", "verifyReport", "consultRegulators",
            "proposePreliminaryList", "consultCentralOrganization", "verifyObjection", "plenaryDeliberation",
            "plenaryVote", "centralReview", "congressDeliberation", "reviewCorrection", "preliminaryBallot", "ballotAndCount", "presidiumDecision", "reportResults",
            "credentialsReview");

    /** What each group may call, written out independently of {@link AccessRules}: "METHOD path" → groups. */
    private static final Map<String, Set<String>> EXPECTED_API = Map.ofEntries(
            Map.entry("POST /api/elections", Set.of("org-dept")),
            Map.entry("GET /api/elections/{id}", Set.of("org-dept", "standing-committee", "plenary-committee",
                    "discipline-commission", "inspection-team", "central-org-dept", "congress-secretariat",
                    "credentials-committee", "ru-city01", "ru-city02")),
            Map.entry("GET /api/elections/{id}/candidates", Set.of("org-dept", "standing-committee", "plenary-committee",
                    "discipline-commission", "inspection-team", "central-org-dept", "congress-secretariat",
                    "credentials-committee", "ru-city01", "ru-city02")),
            Map.entry("POST /api/elections/{id}/candidates", Set.of("org-dept")),
            Map.entry("GET /api/elections/{id}/candidates/changes", Set.of("org-dept", "discipline-commission")),
            Map.entry("GET /api/elections/{id}/integrity", Set.of("org-dept", "discipline-commission")),
            // and, with ?unit=city01, ru-city01 (UNIT_SCOPED)
            Map.entry("POST /api/elections/{id}/recommendations", Set.of("org-dept")),
            Map.entry("GET /api/elections/{id}/recommendations/support", Set.of("org-dept", "standing-committee")),
            Map.entry("GET /api/elections/{id}/recommendations/unregistered", Set.of("org-dept")),
            Map.entry("GET /api/elections/{id}/documents/support.xlsx", Set.of("org-dept", "standing-committee")),
            Map.entry("GET /api/elections/{id}/corrections", Set.of("org-dept", "discipline-commission")),
            Map.entry("POST /api/elections/{id}/corrections", Set.of("org-dept")),
            Map.entry("GET /api/elections/{id}/candidate-reports", Set.of("org-dept", "discipline-commission")),
            Map.entry("POST /api/elections/{id}/candidate-reports", Set.of("org-dept", "discipline-commission")),
            Map.entry("GET /api/elections/{id}/quota-reports/latest", AccessRules.BODY_GROUPS.keySet()),
            Map.entry("GET /api/elections/{id}/composition", AccessRules.BODY_GROUPS.keySet()),
            Map.entry("GET /api/elections/{id}/rules", Set.of("org-dept", "standing-committee", "plenary-committee",
                    "discipline-commission", "inspection-team", "central-org-dept", "congress-secretariat",
                    "credentials-committee", "ru-city01", "ru-city02")),
            Map.entry("PUT /api/elections/{id}/rules/{ruleId}", Set.of("org-dept")),
            Map.entry("POST /api/elections/{id}/ballots", Set.of("congress-secretariat")),
            Map.entry("POST /api/elections/{id}/ballots/boxes/{box}", Set.of("congress-secretariat")),
            Map.entry("GET /api/elections/{id}/ballots/boxes", Set.of("congress-secretariat")),
            Map.entry("POST /api/elections/{id}/ballots/boxes/{box}/settlements", Set.of("congress-secretariat")),
            Map.entry("GET /api/elections/{id}/ballot-rounds", Set.of("org-dept", "congress-secretariat",
                    "central-org-dept", "credentials-committee")),
            Map.entry("POST /api/elections/{id}/plenary-ballots", Set.of("plenary-committee")),
            Map.entry("POST /api/elections/{id}/plenary-ballots/boxes/{box}", Set.of("plenary-committee")),
            Map.entry("GET /api/elections/{id}/plenary-ballots/boxes", Set.of("plenary-committee",
                    "congress-secretariat")),
            Map.entry("POST /api/elections/{id}/plenary-ballots/boxes/{box}/settlements",
                    Set.of("congress-secretariat")),
            Map.entry("GET /api/elections/{id}/plenary-rounds", Set.of("org-dept", "plenary-committee",
                    "central-org-dept")),
            Map.entry("GET /api/elections/{id}/ballot", Set.of("congress-secretariat", "plenary-committee")),
            Map.entry("GET /api/elections/{id}/documents/ballot-paper.pdf", Set.of("congress-secretariat",
                    "plenary-committee")),
            Map.entry("GET /api/elections/{id}/documents/prospective-roster.pdf", Set.of("org-dept", "central-org-dept")),
            Map.entry("GET /api/elections/{id}/documents/prospective-roster.xlsx", Set.of("org-dept", "central-org-dept")),
            Map.entry("GET /api/elections/{id}/documents/election-result.pdf", Set.of("org-dept", "congress-secretariat",
                    "credentials-committee", "central-org-dept")),
            Map.entry("GET /api/elections/{id}/documents/election-result.xlsx", Set.of("org-dept", "congress-secretariat",
                    "credentials-committee", "central-org-dept")),
            Map.entry("GET /api/elections/{id}/documents/composition.json", AccessRules.BODY_GROUPS.keySet()),
            Map.entry("GET /api/elections/{id}/documents/composition.xlsx", AccessRules.BODY_GROUPS.keySet()),
            Map.entry("GET /api/elections/{id}/documents/composition.svg", AccessRules.BODY_GROUPS.keySet()),
            Map.entry("POST /api/users", Set.of("org-dept")),
            Map.entry("GET /api/users/template.xlsx", Set.of("org-dept")),
            Map.entry("GET /api/users/template.csv", Set.of("org-dept")),
            Map.entry("GET /api/national/roll-up", Set.of("central-org-dept", "credentials-committee")),
            Map.entry("POST /api/national/elections", Set.of("central-org-dept")),
            Map.entry("POST /api/national/elections/{code}/allocation", Set.of("central-org-dept")),
            Map.entry("GET /api/national/elections/{code}", Set.of("central-org-dept", "credentials-committee")),
            Map.entry("GET /api/national/documents/delegates.xlsx", Set.of("central-org-dept", "credentials-committee")),
            Map.entry("GET /api/national/documents/delegates.pdf", Set.of("central-org-dept", "credentials-committee")),
            Map.entry("GET /api/national/documents/composition.svg", Set.of("central-org-dept",
                    "credentials-committee")),
            Map.entry("GET /api/calendar/working-days", Set.of("org-dept", "standing-committee", "plenary-committee",
                    "discipline-commission", "inspection-team", "central-org-dept", "congress-secretariat",
                    "credentials-committee", "ru-city01", "ru-city02")),
            Map.entry("GET /api/calendar/years", Set.of("org-dept", "standing-committee", "plenary-committee",
                    "discipline-commission", "inspection-team", "central-org-dept", "congress-secretariat",
                    "credentials-committee", "ru-city01", "ru-city02")),
            Map.entry("PUT /api/calendar/years/{year}", Set.of("org-dept")));

    /** The endpoints a recommending unit's group may call for its own unit, named by the query parameter unit. */
    private static final Set<String> UNIT_SCOPED = Set.of("POST /api/elections/{id}/recommendations",
            "GET /api/elections/{id}/recommendations/support", "GET /api/elections/{id}/documents/support.xlsx");

    @LocalServerPort
    private int port;
    @Autowired
    private HandbookDriver driver;
    @Autowired
    private ElectionRepository elections;
    @Autowired
    private CandidateRepository candidates;
    @Autowired
    private TaskService taskService;
    @Autowired
    private RuntimeService runtimeService;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private RepositoryService repositoryService;
    @Autowired
    private IdentityService identityService;
    @Autowired
    private HistoryService historyService;
    @Autowired
    private TestElections testElections;
    @Autowired
    private DemoIdentity demoIdentity;
    @Autowired
    private BallotRounds ballotRounds;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    private Http http;
    /** One user per group: group id → user id. */
    private final Map<String, String> users = new LinkedHashMap<>();
    /** The other unit's users: its bodies that are not central, and two of its recommending units. */
    private final Map<String, String> otherUnit = new LinkedHashMap<>();
    private long matrixCases;

    /** The election runs from March 2022, so that its public notice (1 April 2022) comes later on the clock. */
    @RegisterExtension
    final EngineClock clock = EngineClock.runningFrom(LocalDate.of(2022, 3, 1));

    @BeforeEach
    void users() {
        http = new Http(port, false);
        TestUsers.ensure(identityService, ORG_CLERK, AccessRules.ORG_DEPT);
        users.put(AccessRules.ORG_DEPT, ORG_CLERK);
        for (DemoIdentity.DemoUser user : DemoIdentity.USERS) {
            if (!user.groupId().equals(AccessRules.ORG_DEPT)
                    && (!user.groupId().startsWith("ru-") || Set.of("ru-city01", "ru-city02").contains(user.groupId()))) {
                users.put(user.groupId(), user.id());
            }
        }
        demoIdentity.unitBodies(OTHER_UNIT, "乙省", new HandbookElection().unit().recommendingUnits())
                .forEach((group, user) -> {
                    if (!group.startsWith("ru-") || Set.of("ru-city01", "ru-city02").contains(group)) {
                        otherUnit.put(group, user);
                    }
                });
        assertThat(otherUnit.keySet()).doesNotContainAnyElementsOf(AccessRules.CENTRAL_BODIES).hasSize(8);
    }

    @Test
    void everyGroupSeesClaimsAndCompletesExactlyTheTasksOfItsCandidateGroups() throws Exception {
        long electionId = matrixElection();
        String code = elections.get(electionId).code();
        HandbookDriver.Run run = new HandbookDriver.Run(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), electionId, code, true, LocalDate.of(2022, 4, 1));
        Map<String, String> modelGroups = candidateGroupsOfTheDeployedUserTasks();
        assertThat(modelGroups.keySet()).containsExactlyInAnyOrderElementsOf(TASK_ORDER);

        Set<String> checked = new LinkedHashSet<>();
        for (String key : TASK_ORDER) {
            if (checked.contains(key)) {
                continue;
            }
            driver.advanceTo(run, key);
            for (Task task : taskService.createTaskQuery().processInstanceBusinessKey(code).list()) {
                String unit = (String) taskService.getVariable(task.getId(), "unitCode");
                if (!checked.add(task.getTaskDefinitionKey())) {
                    continue;
                }
                Set<String> groups = Set.of(modelGroups.get(task.getTaskDefinitionKey())
                        .replace("${unitCode}", String.valueOf(unit)).split(","));
                checkTask(task, groups, unit == null ? users : withUnitUsers(unit));
            }
            if (key.equals("congressDeliberation")) {
                withPreliminaryElection(electionId, code);
                aCorrectionOfTheBallot(electionId);
            }
            if (key.equals("ballotAndCount")) {
                presidiumAfterAShortfall(electionId, code);
                checked.add("presidiumDecision");
            }
            if (key.equals("branchRecommendation")) {
                aUnitsUserInTasklistSeesItsUnitsTasksAndPeopleOnly(electionId);
            }
        }
        assertThat(checked).containsExactlyInAnyOrderElementsOf(TASK_ORDER);
        driver.advanceTo(run, null);
        System.out.println("Authorization matrix: " + matrixCases + " task cases");
    }

    /**
     * The handbook election is configured without a preliminary election; switched on here (as it would have been
     * registered) before step 22 is completed, so that the walk meets the preliminary round's task too.
     */
    /** The organization department asks for a correction of a person on the printed ballot: its review opens. */
    private void aCorrectionOfTheBallot(long electionId) {
        String person = jdbc.sql("select candidate_id from candidate_list where election_id = ? and list_name = "
                + "'ballot' order by candidate_id fetch first 1 rows only").param(electionId).query(String.class)
                .single();
        assertThat(http.json("POST", "/api/elections/" + electionId + "/corrections", "zhangwei",
                DemoIdentity.PASSWORD, "{\"candidateId\": \"" + person + "\", \"reason\": \"姓名录入有误\", "
                        + "\"changes\": {\"name\": \"欧阳明华\"}}").statusCode()).isEqualTo(201);
    }

    private void withPreliminaryElection(long electionId, String code) {
        jdbc.sql("update election set preliminary_election = true where id = ?").param(electionId).update();
        runtimeService.setVariable(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(code)
                .singleResult().getId(), "preliminaryElection", true);
    }

    /**
     * Step 23 counted with one planned delegate at exactly half of the electors due (not elected), so that the
     * presidium decides; its task checked, another round chosen, and that round electing the planned delegate.
     */
    private void presidiumAfterAShortfall(long electionId, String code) {
        DecisionPlan.Tally planned = new HandbookElection().plan().tally();
        int half = planned.electorsDueToAttend() / 2;
        String last = planned.approvals().entrySet().stream().filter(e -> e.getValue() > half)
                .min(Map.Entry.comparingByValue()).orElseThrow().getKey();
        Map<String, Integer> firstRound = new LinkedHashMap<>(planned.approvals());
        firstRound.put(last, half);
        countRound(electionId, code, planned, firstRound);

        Task presidium = taskService.createTaskQuery().processInstanceBusinessKey(code)
                .taskDefinitionKey("presidiumDecision").singleResult();
        checkTask(presidium, Set.of("congress-secretariat"), users);
        taskService.complete(presidium.getId(), Map.of("anotherRound", true));
        countRound(electionId, code, planned, Map.of(last, planned.approvals().get(last)));
    }

    private void countRound(long electionId, String code, DecisionPlan.Tally planned,
            Map<String, Integer> approvals) {
        String batch = ballotRounds.enter(electionId, Vote.CONGRESS, TableFile.Format.CSV, GeneratedBallots.csv(
                ballotRounds.nextBallot(electionId, Vote.CONGRESS), approvals,
                planned.ballotsReturned() - planned.invalidBallots(), planned.invalidBallots())
                .getBytes(StandardCharsets.UTF_8)).batchId();
        Task ballot = taskService.createTaskQuery().processInstanceBusinessKey(code)
                .taskDefinitionKey("ballotAndCount").singleResult();
        taskService.complete(ballot.getId(), Map.of("electorsDueToAttend", planned.electorsDueToAttend(),
                "electorsPresent", planned.electorsPresent(), "ballotsIssued", planned.ballotsIssued(),
                "ballotBatchId", batch));
    }

    /** The bodies' users, the demo user of the task's unit, and one of another unit. */
    private Map<String, String> withUnitUsers(String unit) {
        Map<String, String> all = new LinkedHashMap<>(users);
        all.keySet().removeIf(group -> group.startsWith("ru-"));
        String other = unit.equals("city01") ? "ru-city02" : "ru-city01";
        for (DemoIdentity.DemoUser user : DemoIdentity.USERS) {
            if (user.groupId().equals("ru-" + unit) || user.groupId().equals(other)) {
                all.put(user.groupId(), user.id());
            }
        }
        assertThat(all).containsKey("ru-" + unit);
        return all;
    }

    /** Seen (GET), claimed (and given back), completed: members yes, others no; org-dept also sees every task. */
    private void checkTask(Task task, Set<String> candidateGroups, Map<String, String> users) {
        String path = "/engine-rest/task/" + task.getId();
        users.forEach((group, user) -> {
            boolean member = candidateGroups.contains(group);
            String what = task.getTaskDefinitionKey() + " as " + group;
            assertThat(get(path, user).statusCode()).as("read " + what)
                    .isEqualTo(member || group.equals(AccessRules.ORG_DEPT) ? 200 : 404);
            HttpResponse<String> claim = post(path + "/claim", user, "{\"userId\":\"" + user + "\"}");
            if (member) {
                assertThat(claim.statusCode()).as("claim " + what + ": " + claim.body()).isEqualTo(204);
                assertThat(post(path + "/unclaim", user, "{}").statusCode()).as("unclaim " + what).isEqualTo(204);
            } else {
                assertThat(claim.statusCode()).as("claim " + what + ": " + claim.body()).isEqualTo(403);
                HttpResponse<String> complete = post(path + "/complete", user, "{\"variables\":{}}");
                assertThat(complete.statusCode()).as("complete " + what + ": " + complete.body()).isEqualTo(403);
                assertThat(complete.body()).doesNotContain(task.getId());
            }
            matrixCases += member ? 2 : 3;
        });
        otherUnit.forEach((group, user) -> {
            String what = task.getTaskDefinitionKey() + " as the other unit's " + group;
            assertThat(get(path, user).statusCode()).as("read " + what).isEqualTo(404);
            HttpResponse<String> claim = post(path + "/claim", user, "{\"userId\":\"" + user + "\"}");
            assertThat(claim.statusCode()).as("claim " + what + ": " + claim.body()).isEqualTo(403);
            HttpResponse<String> complete = post(path + "/complete", user, "{\"variables\":{}}");
            assertThat(complete.statusCode()).as("complete " + what + ": " + complete.body()).isEqualTo(403);
            assertThat(complete.body()).doesNotContain(task.getId());
            matrixCases += 3;
        });
        assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isNull();
    }

    private void aUnitsUserInTasklistSeesItsUnitsTasksAndPeopleOnly(long electionId) throws Exception {
        Http browser = new Http(port, true);
        assertThat(browser.send("GET", "/camunda/app/tasklist/default/", null, null, null, null).statusCode())
                .isEqualTo(200);
        HttpResponse<String> login = browser.send("POST", "/camunda/api/admin/auth/user/default/login/tasklist",
                null, null, "username=wuhao&password=" + DemoIdentity.PASSWORD, "application/x-www-form-urlencoded",
                "X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN"));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);

        // of this election's tasks (the shared test database holds other elections too)
        String code = elections.get(electionId).code();
        JsonNode tasks = JSON.readTree(browser.send("GET", "/camunda/api/engine/engine/default/task?maxResults=500"
                + "&processInstanceBusinessKey=" + code, null, null, null, null).body());
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(code)
                .taskDefinitionKey("branchRecommendation").count()).isEqualTo(17);
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).get("taskDefinitionKey").asText()).isEqualTo("branchRecommendation");
        assertThat(taskService.getVariable(tasks.get(0).get("id").asText(), "unitCode")).isEqualTo("city01");

        HttpResponse<String> people = browser.send("GET", "/api/elections/" + electionId + "/candidates",
                null, null, null, null);
        assertThat(people.statusCode()).isEqualTo(200);
        List<String> shown = new ArrayList<>();
        JSON.readTree(people.body()).forEach(person -> shown.add(person.get("id").asText()));
        assertThat(shown).isNotEmpty().containsExactlyElementsOf(candidates.findAll(electionId).stream()
                .filter(c -> c.recommendingUnit().equals("city01")).map(Candidate::id).toList());
        assertThat(browser.send("GET", "/api/elections/" + electionId + "/quota-reports/latest", null, null, null,
                null).statusCode()).isEqualTo(403);
        // a change through the session needs the webapps' CSRF token: without it the session is not used
        assertThat(browser.send("POST", "/api/elections/" + electionId + "/candidates", null, null, "[]",
                "application/json").statusCode()).isEqualTo(401);
        assertThat(browser.send("POST", "/api/elections/" + electionId + "/candidates", null, null, "[]",
                "application/json", "X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN")).statusCode()).isEqualTo(403);
    }

    @Test
    void everyApiEndpointHasARuleAndAllowsExactlyItsGroups() {
        long electionId = matrixElection();
        Set<String> endpoints = apiEndpoints();
        assertThat(endpoints).as("every endpoint of /api needs a line in AccessRules.API_RULES")
                .allSatisfy(endpoint -> assertThat(AccessRules.API_RULES).anySatisfy(rule ->
                        assertThat(rule.method() + " " + rule.pattern()).isEqualTo(normalize(endpoint))));
        for (String endpoint : endpoints) {
            String[] parts = endpoint.split(" ", 2);
            String path = parts[1].replaceAll("\\{[^}]+}", String.valueOf(electionId));
            Set<String> allowed = EXPECTED_API.get(normalize(endpoint));
            users.forEach((group, user) -> {
                int status = http.json(parts[0], path, user, password(user), "POST".equals(parts[0]) ? "[]" : null)
                        .statusCode();
                if (allowed == null || !allowed.contains(group)) {
                    assertThat(status).as(endpoint + " as " + group).isEqualTo(403);
                } else {
                    assertThat(status).as(endpoint + " as " + group).isNotIn(401, 403);
                }
                matrixCases++;
            });
            // the other unit's bodies: nothing of this unit's election
            if (parts[1].startsWith("/api/elections/{")) {
                otherUnit.forEach((group, user) -> {
                    assertThat(http.json(parts[0], path, user, password(user), "POST".equals(parts[0]) ? "[]" : null)
                            .statusCode()).as(endpoint + " as the other unit's " + group).isEqualTo(403);
                    matrixCases++;
                });
            }
            // an unknown election: the same 403 for the groups not entitled, so nothing is learnt about it
            users.forEach((group, user) -> {
                if (allowed == null || !allowed.contains(group)) {
                    assertThat(http.json(parts[0], parts[1].replaceAll("\\{[^}]+}", "987654"), user,
                            password(user), null).statusCode()).as(endpoint + " unknown as " + group).isEqualTo(403);
                    matrixCases++;
                }
            });
        }
        for (String endpoint : UNIT_SCOPED) {
            String[] parts = endpoint.split(" ", 2);
            String path = parts[1].replace("{id}", String.valueOf(electionId)) + "?unit=city01";
            users.forEach((group, user) -> {
                int status = http.json(parts[0], path, user, password(user), "POST".equals(parts[0]) ? "[]" : null)
                        .statusCode();
                if (EXPECTED_API.get(endpoint).contains(group) || group.equals("ru-city01")) {
                    assertThat(status).as(endpoint + " for city01 as " + group).isNotIn(401, 403);
                } else {
                    assertThat(status).as(endpoint + " for city01 as " + group).isEqualTo(403);
                }
                matrixCases++;
            });
        }
        assertThat(EXPECTED_API.keySet()).containsExactlyInAnyOrderElementsOf(
                endpoints.stream().map(AuthorizationMatrixTest::normalize).toList());
        System.out.println("Authorization matrix: " + matrixCases + " endpoint cases");
    }

    @Test
    void anonymousAndWrongPasswordCallsAreRefusedWith401OnEveryEndpoint() {
        long electionId = matrixElection();
        // a user of its own: the engine locks a user after repeated wrong passwords
        TestUsers.ensure(identityService, "wrong-password", "standing-committee");
        List<String> endpoints = new ArrayList<>(apiEndpoints());
        endpoints.addAll(List.of("GET /engine-rest/engine", "GET /engine-rest/task", "GET /engine-rest/process-definition",
                "GET /engine-rest/process-instance", "GET /engine-rest/history/user-operation", "GET /engine-rest/user",
                "POST /engine-rest/message", "POST /engine-rest/task/x/complete", "GET /engine-rest/authorization",
                "DELETE /engine-rest/history/user-operation/x"));
        int failures = 0;
        for (String endpoint : endpoints) {
            String[] parts = endpoint.split(" ", 2);
            String path = parts[1].replaceAll("\\{[^}]+}", String.valueOf(electionId));
            String body = parts[0].equals("POST") ? "{}" : null;
            HttpResponse<String> anonymous = http.json(parts[0], path, null, null, body);
            assertThat(anonymous.statusCode()).as(endpoint).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(endpoint).hasValueSatisfying(
                    value -> assertThat(value).startsWith("Basic"));
            assertThat(anonymous.headers().firstValue("Set-Cookie")).as(endpoint).isEmpty();
            // after a few failed logins the address is throttled for this user
            assertThat(http.json(parts[0], path, "wrong-password", "wrong", body).statusCode()).as(endpoint)
                    .isEqualTo(failures++ < LoginThrottle.MAX_FAILURES ? 401 : 429);
        }
        // no session for REST clients
        assertThat(http.json("GET", "/engine-rest/task", "wangjun", DemoIdentity.PASSWORD, null).headers()
                .firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void engineRestRightsFollowTheGroups() {
        String code = "engine-rest-rights";
        String instance = testElections.start(code).processInstanceId();
        String task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
        assertThat(post("/engine-rest/task/" + task + "/claim", ORG_CLERK, "{\"userId\":\"" + ORG_CLERK + "\"}")
                .statusCode()).isEqualTo(204);
        assertThat(post("/engine-rest/task/" + task + "/unclaim", ORG_CLERK, "{}").statusCode()).isEqualTo(204);
        String logEntry = historyService.createUserOperationLogQuery().taskId(task).operationType("Claim")
                .list().get(0).getOperationId();
        for (String group : users.keySet()) {
            String user = users.get(group);
            // changing the election's instance: administrators only (reports come in through /api)
            HttpResponse<String> update = http.json("PUT", "/engine-rest/process-instance/" + instance
                    + "/variables/authorizationProbe", user, password(user), "{\"value\":1,\"type\":\"Integer\"}");
            assertThat(update.statusCode()).as(group + update.body()).isEqualTo(403);
            // the election's instance and its history: org-dept, and the discipline commission, which supervises
            // the election (Cockpit's audit view); the running instance also the Central Organization Department,
            // whose review queue shows each unit's instance
            int readable = group.equals("org-dept") || group.equals("discipline-commission") ? 1 : 0;
            assertThat(readJson(get("/engine-rest/process-instance?businessKey=" + code, user).body())).as(group)
                    .hasSize(group.equals(AccessRules.CENTRAL_ORG_DEPT) ? 1 : readable);
            assertThat(readJson(get("/engine-rest/history/process-instance?processInstanceBusinessKey=" + code,
                    user).body())).as(group).hasSize(readable);
            // the audit trail cannot be changed through the application: no group may annotate the log
            assertThat(http.json("PUT", "/engine-rest/history/user-operation/" + logEntry + "/set-annotation", user,
                    password(user), "{\"annotation\":\"改写\"}").statusCode()).as(group).isEqualTo(403);
        }
        assertThat(historyService.createUserOperationLogQuery().taskId(task).list())
                .extracting(UserOperationLogEntry::getUserId).containsOnly(ORG_CLERK);
    }

    @Test
    void theTableOfRightsInTheAccessDocumentIsTheOneInTheCode() throws Exception {
        String access = Files.readString(Path.of("docs/access.md"), StandardCharsets.UTF_8);
        assertThat(access).contains(AccessRules.markdownTable());
    }

    private Map<String, String> candidateGroupsOfTheDeployedUserTasks() {
        Map<String, String> groups = new LinkedHashMap<>();
        for (String key : List.of(AccessRules.ELECTION_PROCESS, AccessRules.NOMINATION_PROCESS)) {
            ProcessDefinition definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(key)
                    .latestVersion().singleResult();
            for (UserTask task : repositoryService.getBpmnModelInstance(definition.getId())
                    .getModelElementsByType(UserTask.class)) {
                groups.put(task.getId(), task.getCamundaCandidateGroups());
            }
        }
        return groups;
    }

    /**
     * "GET /api/elections/{electionId}/candidates" → "GET /api/elections/{id}/candidates": an election's id is
     * {@code {id}} in the rules whatever the controller calls it; other variables (a year) keep their names.
     */
    private static String normalize(String endpoint) {
        return endpoint.replace("{electionId}", "{id}");
    }

    private Set<String> apiEndpoints() {
        Set<String> endpoints = new HashSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/api/")) {
                    info.getMethodsCondition().getMethods().forEach(m -> endpoints.add(m.name() + " " + pattern));
                }
            }
        }
        return endpoints;
    }

    private static String password(String user) {
        return user.equals(ORG_CLERK) ? TestUsers.PASSWORD : DemoIdentity.PASSWORD;
    }

    private HttpResponse<String> get(String path, String user) {
        return http.json("GET", path, user, password(user), null);
    }

    private HttpResponse<String> post(String path, String user, String body) {
        return http.json("POST", path, user, password(user), body);
    }

    private static JsonNode readJson(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }

    /**
     * The election of this class: a copy of the handbook election of its own (the shared context's seeded one is
     * another test's), started by the first test that needs it.
     */
    private long matrixElection() {
        return elections.idOf(MATRIX_CODE).orElseGet(() -> testElections.start(MATRIX_CODE).electionId());
    }
}

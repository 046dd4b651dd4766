package org.delegateelection.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.camunda.bpm.engine.variable.value.TypedValue;
import org.delegateelection.candidate.CandidateController;
import org.delegateelection.demo.DecisionPlan;
import org.delegateelection.demo.DemoIdentity;
import org.delegateelection.demo.GeneratedBallots;
import org.delegateelection.demo.GeneratedTallies;
import org.delegateelection.demo.HandbookDriver;
import org.delegateelection.demo.HandbookElection;
import org.delegateelection.election.ElectionRequest;
import org.delegateelection.election.RecommendingUnit;
import org.delegateelection.security.AccessRules;
import org.delegateelection.vote.Ballot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A REST client of the application that does what the handbook election's users do, against whichever node it is
 * given: starts a copy of the handbook election (or of it scaled to other seats) through {@code /api/elections} (configuration and candidates), and
 * carries it forward through {@code /engine-rest} with the decisions of {@link HandbookDriver#decide}: for the oldest
 * open task, a member of its candidate group claims it and submits its form. Waiting on the public notice, it moves
 * the timer's due date to the engine's present, as an operator does in Cockpit, and leaves the timer to whichever job
 * executor takes it. Every call is sent with HTTP Basic as a user of its {@link Users}: the body's member for a task
 * and its ballots, the administrator for the due date (only administrators may move it), the organization
 * department's member for everything else; by default the demo users ({@link Users#DEMO}).
 */
public final class RestElections {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final DateTimeFormatter ENGINE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.ofHours(8));
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());
    private static final Duration STALL = Duration.ofSeconds(90);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final long engineClockOffsetMillis;
    private final Users users;
    private final PrintStream log;
    private volatile int conflicts;

    /**
     * A client for nodes whose engine clock runs {@code engineClockOffsetMillis} from the real one, calling as the
     * demo users, silently.
     */
    public RestElections(long engineClockOffsetMillis) {
        this(engineClockOffsetMillis, Users.DEMO, SILENT);
    }

    /**
     * A client calling as {@code users}, printing to {@code log} each call that registers, imports, claims, submits,
     * uploads ballots or moves a due date, with its answer's status.
     */
    public RestElections(long engineClockOffsetMillis, Users users, PrintStream log) {
        this.engineClockOffsetMillis = engineClockOffsetMillis;
        this.users = users;
        this.log = log;
    }

    /** A user's id and password, for HTTP Basic. */
    public record Login(String userId, String password) {
    }

    /**
     * Who calls: an administrator ({@code camunda-admin}) and, for each group, the member who works on its tasks; the
     * organization department's member also registers, imports and reads.
     *
     * @param administrator an administrator
     * @param members       group id → its member
     */
    public record Users(Login administrator, Map<String, Login> members) {

        /**
         * The demo users (password {@value DemoIdentity#PASSWORD}): for each group its first demo user by id;
         * {@code zhangwei}, of the organization department, is also the administrator.
         */
        public static final Users DEMO = demo();

        /** The group's member. */
        public Login member(String groupId) {
            Login member = members.get(groupId);
            if (member == null) {
                throw new IllegalStateException("用户组 " + groupId + " 中没有可用的用户");
            }
            return member;
        }

        /** The password of one of these users. */
        String password(String userId) {
            return Stream.concat(Stream.of(administrator), members.values().stream())
                    .filter(login -> login.userId().equals(userId)).findFirst().map(Login::password)
                    .orElseThrow(() -> new IllegalArgumentException("未知用户 " + userId));
        }

        /**
         * The users of an electoral unit of the demo other than the handbook province's: its generated bodies
         * ({@link DemoIdentity#unitBodies}: {@code <unit>-<group>} for each body that is not central and each of its
         * recommending units, password {@value DemoIdentity#PASSWORD}), the demo users of the central bodies, who work
         * for every unit, and the demo's administrator.
         *
         * @param code  the unit's code (its tenant)
         * @param units its election's recommending units
         */
        public static Users ofUnit(String code, List<RecommendingUnit> units) {
            Map<String, Login> members = new LinkedHashMap<>();
            AccessRules.BODY_GROUPS.keySet().forEach(group -> members.put(group, AccessRules.CENTRAL_BODIES
                    .contains(group) ? DEMO.member(group) : new Login(code + "-" + group, DemoIdentity.PASSWORD)));
            units.forEach(unit -> members.put(unit.groupId(), new Login(code + "-" + unit.groupId(),
                    DemoIdentity.PASSWORD)));
            return new Users(DEMO.administrator(), members);
        }

        private static Users demo() {
            Map<String, Login> members = new LinkedHashMap<>();
            DemoIdentity.USERS.stream().sorted(Comparator.comparing(DemoIdentity.DemoUser::id))
                    .forEach(user -> members.putIfAbsent(user.groupId(), new Login(user.id(), DemoIdentity.PASSWORD)));
            return new Users(members.get(AccessRules.ORG_DEPT), members);
        }
    }

    /** An answer: its HTTP status and its body ({@code null} when empty or not JSON). */
    public record Answer(int status, JsonNode body) {
    }

    /** An election as started: its id, its process instance, its code (the business key) and the driver's state. */
    public record Election(long id, String processInstanceId, String code, HandbookDriver.Run run) {
    }

    /** How many 409 answers (concurrent change, sent again) this client has received. */
    public int conflicts() {
        return conflicts;
    }

    /**
     * Sends one call as {@code user}, one of this client's {@link Users}.
     *
     * @throws UncheckedIOException when the node does not answer (e.g. it was killed)
     */
    public Answer call(String baseUrl, String method, String path, String user, Object body) {
        try {
            HttpRequest.Builder request = request(baseUrl, path, user).header("Accept", "application/json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            if (!response.body().isBlank()) {
                try {
                    json = JSON.readTree(response.body());
                } catch (IOException notJson) {
                    json = JSON.getNodeFactory().textNode(response.body());
                }
            }
            return new Answer(response.statusCode(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request to the node as {@code user}, one of this client's {@link Users} (HTTP Basic), 60 s timeout. */
    public HttpRequest.Builder request(String baseUrl, String path, String user) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + users.password(user)).getBytes(StandardCharsets.UTF_8)));
    }

    /** Like {@link #call} as the organization department's member, expecting a 2xx answer. */
    public JsonNode ok(String baseUrl, String method, String path, Object body) {
        String user = users.member(AccessRules.ORG_DEPT).userId();
        return expected2xx(method, path, call(baseUrl, method, path, user, body));
    }

    private static JsonNode expected2xx(String method, String path, Answer answer) {
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " → " + answer.status() + " " + answer.body());
        }
        return answer.body();
    }

    /** Registers the handbook election as {@code code} and imports its candidates, through {@code /api}. */
    public Election start(String baseUrl, String code) {
        return start(baseUrl, code, HandbookElection.HANDBOOK_SEATS);
    }

    /**
     * Registers the handbook election scaled to {@code seats} ({@link HandbookElection#HandbookElection(int)}) as
     * {@code code} and imports its candidates, through {@code /api}; the drive decides as its plan.
     */
    public Election start(String baseUrl, String code, int seats) {
        HandbookElection handbook = new HandbookElection(seats);
        Election election = register(baseUrl, registration(handbook, code), handbook);
        importCandidates(baseUrl, election, handbook);
        uploadTallies(baseUrl, election, handbook);
        return election;
    }

    /**
     * The registration of {@code handbook}'s election unit as {@code code}, as {@code POST /api/elections} takes it,
     * for a caller to change (e.g. the names of the recommending units; their codes are the plan's).
     */
    public static ObjectNode registration(HandbookElection handbook, String code) {
        ObjectNode request = JSON.valueToTree(ElectionRequest.of(handbook.unit()));
        request.put("code", code);
        request.remove("ruleOverrides");
        return request;
    }

    /**
     * Registers the election of {@code request} ({@code POST /api/elections}), to be driven with the decisions of
     * {@code handbook}'s plan.
     */
    public Election register(String baseUrl, ObjectNode request, HandbookElection handbook) {
        JsonNode started = logged(baseUrl, "POST", "/api/elections", request);
        long id = started.get("electionId").asLong();
        String code = request.get("code").asText();
        return new Election(id, started.get("processInstanceId").asText(), code,
                new HandbookDriver.Run(SILENT, id, code, handbook.plan()));
    }

    /** Imports {@code handbook}'s candidates into the election ({@code POST /api/elections/{id}/candidates}). */
    public void importCandidates(String baseUrl, Election election, HandbookElection handbook) {
        ArrayNode candidates = JSON.valueToTree(handbook.candidates());
        candidates.forEach(person -> ((ObjectNode) person).remove("status"));
        logged(baseUrl, "POST", "/api/elections/" + election.id() + "/candidates", candidates);
    }

    /**
     * Uploads each recommending unit's generated branch tallies ({@link GeneratedTallies}) as the organization
     * department ({@code POST /api/elections/{id}/recommendations?unit=…}, CSV).
     */
    public void uploadTallies(String baseUrl, Election election, HandbookElection handbook) {
        String user = users.member(AccessRules.ORG_DEPT).userId();
        GeneratedTallies.csvByUnit(handbook.unit(), handbook.candidates(), handbook.plan()).forEach((unit, csv) -> {
            String path = "/api/elections/" + election.id() + "/recommendations?unit=" + unit;
            try {
                HttpResponse<String> response = http.send(request(baseUrl, path, user)
                        .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)).build(),
                        HttpResponse.BodyHandlers.ofString());
                log.printf("POST %s（%s）→ %d%n", path, user, response.statusCode());
                if (response.statusCode() != 201) {
                    throw new IllegalStateException("POST " + path + " → " + response.statusCode() + " "
                            + response.body());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** {@link #ok} printing the call, its caller and its answer's status to the log. */
    private JsonNode logged(String baseUrl, String method, String path, Object body) {
        String user = users.member(AccessRules.ORG_DEPT).userId();
        Answer answer = call(baseUrl, method, path, user, body);
        log.printf("%s %s（%s）→ %d%n", method, path, user, answer.status());
        return expected2xx(method, path, answer);
    }

    /** The election's open tasks, oldest first. */
    public List<JsonNode> tasks(String baseUrl, Election election) {
        List<JsonNode> tasks = new ArrayList<>();
        ok(baseUrl, "GET", "/engine-rest/task?processInstanceBusinessKey=" + encode(election.code())
                + "&sortBy=created&sortOrder=asc", null).forEach(tasks::add);
        return tasks;
    }

    /** Whether the election's procedure has ended. */
    public boolean ended(String baseUrl, Election election) {
        return "COMPLETED".equals(ok(baseUrl, "GET", "/engine-rest/history/process-instance/"
                + election.processInstanceId(), null).path("state").asText());
    }

    /**
     * Carries the election forward through the node {@code baseUrl()} names at each call, until a task of
     * {@code untilTaskKey} is open, or (with {@code untilTimer}) the public notice's timer waits for its due date,
     * or else until the procedure has ended. A completion answered 409 is sent again.
     *
     * @throws IllegalStateException when nothing moves for 90 s, or a job has failed for good
     * @throws UncheckedIOException  when the node does not answer
     */
    public void advance(Supplier<String> baseUrl, Election election, String untilTaskKey, boolean untilTimer) {
        long stalledSince = System.nanoTime();
        while (!ended(baseUrl.get(), election)) {
            List<JsonNode> tasks = tasks(baseUrl.get(), election);
            if (untilTaskKey != null && tasks.stream()
                    .anyMatch(t -> t.get("taskDefinitionKey").asText().equals(untilTaskKey))) {
                return;
            }
            if (!tasks.isEmpty()) {
                Answer answer = complete(baseUrl.get(), election, tasks.get(0));
                if (answer.status() == 400) {
                    throw new IllegalStateException("提交被拒绝：" + answer.body());
                }
                if (answer.status() == 204) {
                    stalledSince = System.nanoTime();
                }
            } else if (waitOnJobs(baseUrl.get(), election, untilTimer)) {
                return;
            } else {
                sleep(200);
            }
            if (System.nanoTime() - stalledSince > STALL.toNanos()) {
                throw new IllegalStateException("选举 " + election.code() + " 90 秒无进展");
            }
        }
        if (untilTaskKey != null || untilTimer) {
            throw new IllegalStateException("选举 " + election.code() + " 已结束，未停在预期的位置");
        }
    }

    /**
     * No task is open: the procedure waits on a job. Returns at once when {@code untilTimer} and the public notice's
     * timer waits for its due date; else moves that due date to the present and returns, leaving the job to the job
     * executors.
     *
     * @return whether the timer waits and {@code untilTimer} asks to stop there
     * @throws IllegalStateException when a job has failed for good
     */
    private boolean waitOnJobs(String baseUrl, Election election, boolean untilTimer) {
        for (JsonNode job : ok(baseUrl, "GET", "/engine-rest/job?processInstanceId=" + election.processInstanceId(),
                null)) {
            if (job.path("retries").asInt(1) == 0) {
                throw new IllegalStateException("作业失败：" + job.path("exceptionMessage").asText());
            }
            if (job.path("dueDate").isTextual() && parse(job.get("dueDate").asText()).isAfter(engineNow())) {
                if (untilTimer) {
                    return true;
                }
                makeDue(baseUrl, job.get("id").asText());
            }
        }
        return false;
    }

    /**
     * Sets the job's due date to the engine's present, as the administrator: the job executor of any node may take
     * it now.
     */
    public void makeDue(String baseUrl, String jobId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("duedate", ENGINE_DATE.format(engineNow().minusSeconds(1)));
        body.put("cascade", false);
        String admin = users.administrator().userId();
        String path = "/engine-rest/job/" + jobId + "/duedate";
        Answer answer = call(baseUrl, "PUT", path, admin, body);
        log.printf("PUT /engine-rest/job/{id}/duedate（%s，公示期计时器改为现在到期）→ %d%n", admin, answer.status());
        expected2xx("PUT", path, answer);
    }

    /**
     * The task's candidate group's first member claims the task and submits the plan's values. A 409 (concurrent
     * change) leaves the task open and is counted; the caller finds it open again.
     *
     * @return the answer of the submission
     */
    public Answer complete(String baseUrl, Election election, JsonNode task) {
        String taskId = task.get("id").asText();
        String user = memberOf(baseUrl, taskId);
        Answer claimed = call(baseUrl, "POST", "/engine-rest/task/" + taskId + "/claim", user,
                Map.of("userId", user));
        String step = task.get("name").asText() + "（" + task.get("taskDefinitionKey").asText() + "）— " + user;
        if (claimed.status() != 204) {
            log.printf("%s：claim → %d%n", step, claimed.status());
            return count(claimed);
        }
        Answer submitted = submit(baseUrl, election, task, user);
        log.printf("%s：claim → 204，submit-form → %d%n", step, submitted.status());
        return submitted;
    }

    /** Submits the plan's values for a claimed task as {@code user}. */
    public Answer submit(String baseUrl, Election election, JsonNode task, String user) {
        return submit(baseUrl, task, user, values(baseUrl, election, task));
    }

    /** The plan's values for a task, as the REST API takes them (reading what the task needs, e.g. its unit). */
    public Map<String, Object> values(String baseUrl, Election election, JsonNode task) {
        String taskId = task.get("id").asText();
        Map<String, Object> values = HandbookDriver.decide(election.run(), task.get("taskDefinitionKey").asText(),
                task.get("name").asText(), () -> ok(baseUrl, "GET", "/engine-rest/task/" + taskId
                        + "/variables/unitCode", null).get("value").asText(),
                tally -> uploadBallots(baseUrl, election, task, tally));
        Map<String, Object> variables = new LinkedHashMap<>();
        values.forEach((name, value) -> variables.put(name, restValue(value)));
        return variables;
    }

    /** Submits values ({@link #values}) for a claimed task as {@code user}. */
    public Answer submit(String baseUrl, JsonNode task, String user, Map<String, Object> variables) {
        return count(call(baseUrl, "POST", "/engine-rest/task/" + task.get("id").asText() + "/submit-form", user,
                Map.of("variables", variables)));
    }

    /**
     * Step 20 or 23 as the vote's counters do it: ballots adding up to the plan's tally, on the ballot of the round
     * to be held as printed ({@code GET /api/elections/{id}/ballot}: its candidates in order and its seats), uploaded
     * as CSV by the plenary committee or the congress secretariat; the batch's id.
     */
    private String uploadBallots(String baseUrl, Election election, JsonNode task, DecisionPlan.Tally tally) {
        String key = task.get("taskDefinitionKey").asText();
        boolean plenary = key.equals("plenaryVote");
        String counter = users.member(plenary ? "plenary-committee" : "congress-secretariat").userId();
        String vote = plenary ? "plenary" : key.equals("preliminaryBallot") ? "preliminary" : "congress";
        String ballotPath = "/api/elections/" + election.id() + "/ballot?vote=" + vote;
        JsonNode printed = expected2xx("GET", ballotPath, call(baseUrl, "GET", ballotPath, counter, null));
        List<String> ids = new ArrayList<>();
        printed.path("candidates").forEach(candidate -> ids.add(candidate.path("id").asText()));
        String csv = GeneratedBallots.csv(new Ballot(ids, printed.path("seats").asInt()), tally.approvals(),
                tally.ballotsReturned() - tally.invalidBallots(), tally.invalidBallots());
        String path = "/api/elections/" + election.id() + (plenary ? "/plenary-ballots" : "/ballots");
        try {
            HttpResponse<String> response = http.send(request(baseUrl, path, counter)
                    .header("Content-Type", CandidateController.CSV)
                    .POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            log.printf("POST %s（%s，选票 CSV）→ %d%n", path, counter, response.statusCode());
            if (response.statusCode() != 201 && response.statusCode() != 200) {
                throw new IllegalStateException("选票上传失败：" + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body()).get("batchId").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The member, among this client's {@link Users}, of the first of the task's candidate groups that has one. */
    public String memberOf(String baseUrl, String taskId) {
        List<String> groups = new ArrayList<>();
        ok(baseUrl, "GET", "/engine-rest/task/" + taskId + "/identity-links?type=candidate", null)
                .forEach(link -> {
                    if (link.hasNonNull("groupId")) {
                        groups.add(link.get("groupId").asText());
                    }
                });
        return groups.stream().sorted().filter(users.members()::containsKey).findFirst()
                .map(group -> users.member(group).userId())
                .orElseThrow(() -> new IllegalStateException("任务 " + taskId + " 的候选组 " + groups + " 中没有可用的用户"));
    }

    /** The engine's present on the nodes. */
    public Instant engineNow() {
        return Instant.now().plusMillis(engineClockOffsetMillis);
    }

    private Answer count(Answer answer) {
        if (answer.status() == 409) {
            conflicts++;
        }
        return answer;
    }

    /** A value as the REST API takes it: lists of ids and the tally as JSON text, which the server reads. */
    public static Map<String, Object> restValue(Object value) {
        Object plain = value instanceof TypedValue typed ? typed.getValue() : value;
        if (plain instanceof List<?> list) {
            try {
                plain = JSON.writeValueAsString(list);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if (!(plain instanceof Boolean || plain instanceof Number || plain instanceof String)) {
            plain = plain.toString();
        }
        Map<String, Object> dto = new LinkedHashMap<>();
        dto.put("value", plain);
        dto.put("type", plain instanceof Boolean ? "Boolean" : plain instanceof Integer ? "Integer"
                : plain instanceof Number ? "Long" : "String");
        return dto;
    }

    private static Instant parse(String engineDate) {
        return ENGINE_DATE.parse(engineDate, Instant::from);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

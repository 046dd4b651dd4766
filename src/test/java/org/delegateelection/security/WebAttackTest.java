package org.delegateelection.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.delegateelection.api.EngineRestErrors;
import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.CandidateList;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.demo.DemoIdentity;
import org.delegateelection.demo.HandbookDriver;
import org.delegateelection.process.TestElections;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The web findings of the security probe (issue 11, findings 11 and 12), each replayed against the running
 * application over HTTP: calls to {@code /api} with the webapps' session keep its id, also in parallel; every cookie
 * is {@code SameSite=Lax} and (as behind TLS in production) {@code Secure}; an anonymous visitor gets no session,
 * and the login still needs the CSRF token; a failed CSRF check is refused without logging the user out; of 50
 * concurrent completions of one task one succeeds and every other is answered 409 without SQL; anonymous health
 * shows the status only; every kind of response carries the security headers.
 */
@DirtiesContext
@ActiveProfiles("demo")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "SECURE_COOKIES=true") // as in production behind TLS
class WebAttackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());
    private static final String TASKLIST_LOGIN = "/camunda/api/admin/auth/user/default/login/tasklist";
    private static final String CURRENT_USER = "/camunda/api/admin/auth/user/default";

    /** The embedded default as the probe met it: H2 in a file, of its own (also in the PostgreSQL pass). */
    private static final String DATABASE = "jdbc:h2:file:" + Path.of("target", "web-attack-test",
            UUID.randomUUID().toString(), "delegate-election").toAbsolutePath()
            + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
    }

    @LocalServerPort
    private int port;
    @Autowired
    private TestElections elections;
    @Autowired
    private TaskService taskService;
    @Autowired
    private HistoryService historyService;
    @Autowired
    private HandbookDriver driver;
    @Autowired
    private CandidateRepository candidates;

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(port, false);
    }

    @Test
    void apiCallsWithTheWebappSessionKeepItsIdAlsoInParallel() throws Exception {
        Visitor browser = loggedIn("zhangwei");
        String session = browser.cookies.get("JSESSIONID");
        long electionId = elections.start("web-attack-session").electionId();

        List<HttpResponse<String>> answers = parallel(20, () -> browser.send("GET", "/api/elections/" + electionId,
                null, null));
        answers.add(browser.send("GET", "/api/calendar/working-days?from=2022-04-01&count=5", null, null));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.headers().allValues("Set-Cookie")).as("a new session id")
                    .noneMatch(cookie -> cookie.startsWith("JSESSIONID="));
        });
        assertThat(browser.cookies.get("JSESSIONID")).isEqualTo(session);
        assertThat(browser.send("GET", CURRENT_USER, null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void everyCookieTheApplicationSetsIsSameSiteLaxAndSecure() {
        Visitor browser = loggedIn("wangjun");
        browser.send("GET", "/api/calendar/working-days?from=2022-04-01&count=5", null, null);
        browser.send("POST", "/camunda/api/admin/auth/user/default/logout", "", "application/json",
                "X-XSRF-TOKEN", browser.cookies.get("XSRF-TOKEN"));

        assertThat(browser.setCookies.stream().map(cookie -> cookie.split("=", 2)[0]).distinct())
                .contains("JSESSIONID", "XSRF-TOKEN");
        assertThat(browser.setCookies).allSatisfy(cookie -> {
            assertThat(attributes(cookie)).as(cookie).contains("samesite=lax", "secure");
            if (cookie.startsWith("JSESSIONID=")) {
                assertThat(attributes(cookie)).as(cookie).contains("httponly");
            }
        });
    }

    @Test
    void anAnonymousVisitorGetsNoSessionAndTheLoginStillNeedsTheCsrfToken() throws Exception {
        double created = sessionsCreated();
        List<String> pages = List.of("/", "/camunda/app/", "/camunda/app/tasklist/default/",
                "/camunda/app/cockpit/default/", "/camunda/app/welcome/default/", "/camunda/api/engine/engine/",
                CURRENT_USER, "/camunda/app/tasklist/scripts/config.js", "/api/elections/1", "/engine-rest/engine",
                "/actuator/health", "/no-such-page");
        for (String page : pages) {
            HttpResponse<String> answer = http.send("GET", page, null, null, null, null);
            assertThat(answer.headers().allValues("Set-Cookie")).as(page)
                    .noneMatch(cookie -> cookie.startsWith("JSESSIONID="));
        }
        assertThat(sessionsCreated()).as("sessions created by anonymous page loads").isEqualTo(created);

        // the login page's token is given without a session, and the login is refused without it or with another
        Visitor browser = new Visitor();
        browser.send("GET", "/camunda/app/tasklist/default/", null, null);
        String token = browser.cookies.get("XSRF-TOKEN");
        assertThat(token).isNotBlank();
        assertThat(browser.send("POST", TASKLIST_LOGIN, credentials("zhangwei"), FORM).statusCode()).isEqualTo(403);
        assertThat(browser.send("POST", TASKLIST_LOGIN, credentials("zhangwei"), FORM, "X-XSRF-TOKEN",
                another(token)).statusCode()).isEqualTo(403);
        assertThat(browser.cookies).doesNotContainKey("JSESSIONID");
        assertThat(sessionsCreated()).isEqualTo(created);

        HttpResponse<String> login = browser.send("POST", TASKLIST_LOGIN, credentials("zhangwei"), FORM,
                "X-XSRF-TOKEN", token);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        assertThat(browser.cookies).containsKey("JSESSIONID");
        assertThat(sessionsCreated()).isGreaterThan(created);
        HttpResponse<String> me = browser.send("GET", CURRENT_USER, null, null);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(me.body()).get("userId").asText()).isEqualTo("zhangwei");
    }

    @Test
    void aFailedCsrfCheckIsRefusedWith403AndTheUserStaysLoggedIn() throws Exception {
        String instance = elections.start("web-attack-csrf").processInstanceId();
        String taskId = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
        Visitor browser = loggedIn("zhangwei");
        String session = browser.cookies.get("JSESSIONID");
        String token = browser.cookies.get("XSRF-TOKEN");
        String claim = "/camunda/api/engine/engine/default/task/" + taskId + "/claim";
        String body = "{\"userId\":\"zhangwei\"}";

        assertThat(browser.send("POST", claim, body, JSON_TYPE, "X-XSRF-TOKEN", another(token))
                .statusCode()).isEqualTo(403);
        assertThat(browser.send("POST", claim, body, JSON_TYPE).statusCode()).isEqualTo(403);

        assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isNull();
        assertThat(browser.cookies.get("JSESSIONID")).isEqualTo(session);
        HttpResponse<String> me = browser.send("GET", CURRENT_USER, null, null);
        assertThat(me.statusCode()).as("still logged in").isEqualTo(200);
        assertThat(JSON.readTree(me.body()).get("userId").asText()).isEqualTo("zhangwei");
        assertThat(browser.send("POST", claim, body, JSON_TYPE, "X-XSRF-TOKEN", browser.cookies.get("XSRF-TOKEN"))
                .statusCode()).isEqualTo(204);
        assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isEqualTo("zhangwei");
    }

    @Test
    void ofFiftyConcurrentCompletionsOfOneTaskOneSucceedsAndEveryOtherIsAConflictWithoutSql() throws Exception {
        // step 8, whose completion stores the inspection list and checks it against the quotas: the slowest kind
        String code = "web-attack-race";
        long electionId = elections.start(code).electionId();
        HandbookDriver.Run run = new HandbookDriver.Run(SILENT, electionId, code, false);
        driver.advanceTo(run, "proposeInspectionList");
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(code)
                .taskDefinitionKey("proposeInspectionList").singleResult();
        Map<String, Object> decision = HandbookDriver.decide(run, task.getTaskDefinitionKey(), task.getName(),
                () -> null, tally -> null);
        @SuppressWarnings("unchecked")
        List<String> chosen = List.copyOf((Collection<String>) ((TypedValue) decision.get("selectedCandidateIds"))
                .getValue());
        String body = JSON.writeValueAsString(Map.of("variables", Map.of("selectedCandidateIds",
                Map.of("value", JSON.writeValueAsString(chosen), "type", "Json"))));

        List<HttpResponse<String>> answers = parallel(50, () -> http.json("POST",
                "/engine-rest/task/" + task.getId() + "/complete", "wangjun", DemoIdentity.PASSWORD, body));

        Map<Integer, Long> statuses = answers.stream().collect(Collectors.groupingBy(HttpResponse::statusCode,
                Collectors.counting()));
        assertThat(statuses).as(answers.stream().filter(a -> a.statusCode() != 204 && a.statusCode() != 409)
                .map(HttpResponse::body).distinct().toList().toString()).containsOnlyKeys(204, 409)
                .containsEntry(204, 1L);
        for (HttpResponse<String> loser : answers.stream().filter(a -> a.statusCode() == 409).toList()) {
            assertThat(JSON.readTree(loser.body())).isEqualTo(JSON.valueToTree(Map.of(
                    "type", "OptimisticLockingException", "message", EngineRestErrors.CONCURRENT_CHANGE)));
        }
        // done once: one completion in the history and the operation log, the list as chosen, one next step
        assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceBusinessKey(code)
                .taskDefinitionKey("proposeInspectionList").finished().count()).isEqualTo(1);
        assertThat(historyService.createUserOperationLogQuery().taskId(task.getId()).operationType("Complete")
                .count()).isEqualTo(1);
        assertThat(candidates.list(electionId, CandidateList.INSPECTION.key())).extracting(Candidate::id)
                .containsExactlyInAnyOrderElementsOf(chosen);
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(code).list())
                .extracting(Task::getTaskDefinitionKey).containsExactly("announceInspection");
    }

    @Test
    void anonymousHealthShowsTheStatusOnly() throws Exception {
        HttpResponse<String> health = http.send("GET", "/actuator/health", null, null, null, null);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body())).isEqualTo(JSON.readTree("{\"status\":\"UP\"}"));
    }

    @Test
    void everyKindOfResponseCarriesTheSecurityHeaders() {
        Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
        answers.put("webapp page", http.send("GET", "/camunda/app/tasklist/default/", null, null, null, null));
        answers.put("webapp API", http.send("GET", "/camunda/api/engine/engine/", null, null, null, null));
        answers.put("webapp API 404", http.send("GET", CURRENT_USER, null, null, null, null));
        answers.put("static", http.send("GET", "/camunda/app/tasklist/scripts/config.js", null, null, null, null));
        answers.put("redirect", http.send("GET", "/", null, null, null, null));
        answers.put("api 200", http.send("GET", "/api/calendar/working-days?from=2022-04-01&count=5", "wangjun",
                DemoIdentity.PASSWORD, null, null));
        answers.put("api 401", http.send("GET", "/api/elections/1", null, null, null, null));
        answers.put("api 400", http.send("GET", "/api/calendar/working-days?from=x&count=5", "wangjun",
                DemoIdentity.PASSWORD, null, null));
        answers.put("engine-rest 200", http.send("GET", "/engine-rest/engine", "wangjun", DemoIdentity.PASSWORD,
                null, null));
        answers.put("engine-rest 401", http.send("GET", "/engine-rest/task", null, null, null, null));
        answers.put("engine-rest 404", http.send("GET", "/engine-rest/task/no-such-task", "wangjun",
                DemoIdentity.PASSWORD, null, null));
        answers.put("error page", http.send("GET", "/no-such-page", null, null, null, null));
        answers.put("actuator", http.send("GET", "/actuator/health", null, null, null, null));

        answers.forEach((kind, answer) -> {
            assertThat(answer.headers().allValues("Referrer-Policy")).as(kind).containsExactly("same-origin");
            assertThat(answer.headers().allValues("X-Frame-Options")).as(kind).containsExactly("DENY");
            assertThat(answer.headers().allValues("X-Content-Type-Options")).as(kind).containsExactly("nosniff");
        });
        // what Camunda's header security sets on the webapps stays
        assertThat(answers.get("webapp page").headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("frame-ancestors 'none'"));
    }

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON_TYPE = "application/json";

    /** A token of the same form that is not {@code token}. */
    private static String another(String token) {
        return (token.charAt(0) == '0' ? "1" : "0") + token.substring(1);
    }

    private static String credentials(String user) {
        return "username=" + user + "&password=" + DemoIdentity.PASSWORD;
    }

    /** A browser logged into Tasklist as {@code user}, as the login page does it, holding the token of the session. */
    private Visitor loggedIn(String user) {
        Visitor browser = new Visitor();
        assertThat(browser.send("GET", "/camunda/app/tasklist/default/", null, null).statusCode()).isEqualTo(200);
        HttpResponse<String> login = browser.send("POST", TASKLIST_LOGIN, credentials(user), FORM,
                "X-XSRF-TOKEN", browser.cookies.get("XSRF-TOKEN"));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        // the app's first call after the login gives the session's token
        assertThat(browser.send("GET", CURRENT_USER, null, null).statusCode()).isEqualTo(200);
        return browser;
    }

    /** The Tomcat sessions created so far, as an operator reads them in {@code /actuator/metrics}. */
    private double sessionsCreated() throws Exception {
        HttpResponse<String> metric = http.send("GET", "/actuator/metrics/tomcat.sessions.created", null, null, null,
                null);
        assertThat(metric.statusCode()).isEqualTo(200);
        return JSON.readTree(metric.body()).get("measurements").get(0).get("value").asDouble();
    }

    /** A cookie's attributes after its value, lower case, e.g. {@code samesite=lax}. */
    private static List<String> attributes(String setCookie) {
        List<String> attributes = new ArrayList<>();
        String[] parts = setCookie.split(";");
        for (int i = 1; i < parts.length; i++) {
            attributes.add(parts[i].trim().toLowerCase(Locale.ROOT));
        }
        return attributes;
    }

    /** The same call {@code count} times at once; the answers. */
    private static List<HttpResponse<String>> parallel(int count,
            Callable<HttpResponse<String>> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A browser's cookie jar kept by hand: it sends what it was given also over plain HTTP (the JDK's cookie
     * handler would hold back {@code Secure} cookies) and keeps every {@code Set-Cookie} it received.
     */
    private final class Visitor {

        private static final Pattern COOKIE = Pattern.compile("([^=;\\s]+)=([^;]*)");

        final Map<String, String> cookies = new ConcurrentHashMap<>();
        final List<String> setCookies = Collections.synchronizedList(new ArrayList<>());

        HttpResponse<String> send(String method, String path, String body, String contentType, String... headers) {
            List<String> all = new ArrayList<>(List.of(headers));
            if (!cookies.isEmpty()) {
                all.add("Cookie");
                all.add(cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                        .collect(Collectors.joining("; ")));
            }
            HttpResponse<String> answer = http.send(method, path, null, null, body, contentType,
                    all.toArray(String[]::new));
            for (String setCookie : answer.headers().allValues("Set-Cookie")) {
                setCookies.add(setCookie);
                Matcher cookie = COOKIE.matcher(setCookie);
                if (cookie.lookingAt()) {
                    if (attributes(setCookie).contains("max-age=0") || cookie.group(2).isEmpty()) {
                        cookies.remove(cookie.group(1));
                    } else {
                        cookies.put(cookie.group(1), cookie.group(2));
                    }
                }
            }
            return answer;
        }
    }
}

package org.delegateelection.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.sql.DataSource;

import org.assertj.core.api.SoftAssertions;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.delegateelection.candidate.CandidateController;
import org.delegateelection.candidate.CandidateList;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.demo.DemoIdentity;
import org.delegateelection.demo.GeneratedBallots;
import org.delegateelection.demo.HandbookElection;
import org.delegateelection.election.ElectionRequest;
import org.delegateelection.security.DatabaseDump;
import org.delegateelection.security.Http;
import org.delegateelection.system.TableFile;
import org.delegateelection.vote.Ballot;
import org.delegateelection.vote.BallotRounds;
import org.delegateelection.vote.Vote;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Bad input, tried systematically over HTTP as the entitled users send it: for every endpoint of {@code /api} and
 * for the task completions of the handbook election's steps (through {@code /engine-rest}) — missing fields, wrong
 * types, unknown ids, ids of another election, a removed candidate, impossible counts, oversized and malformed files
 * (a zip bomb .xlsx), formulas, SQL and markup in names. Each is answered with a 4xx naming the field, and every table
 * of the application and the engine is the same before and after.
 */
@DirtiesContext
@ActiveProfiles("demo")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:bad-input;DB_CLOSE_DELAY=-1",
        "spring.servlet.multipart.max-file-size=256KB", "spring.servlet.multipart.max-request-size=300KB"})
class BadInputTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String HEADER =
            "编号,姓名,性别,民族,出生日期,入党时间,正式党员,学历,类别,一线类型,农民工,领域,层级,推荐单位,人大代表,政协委员,省部级以上表彰";
    private static final String ROW = "NEW-0001,%s,男,汉族,1970-05-01,1995-07-01,是,研究生,党员领导干部,,否,政府,厅局级,%s,是,否,否";

    @LocalServerPort
    private int port;
    @Autowired
    private DrivenElections driven;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private CandidateRepository candidates;
    @Autowired
    private TaskService taskService;
    @Autowired
    private BallotRounds ballotRounds;

    private final SoftAssertions softly = new SoftAssertions();
    private Http http;
    private int cases;
    /**
     * The database as the last case left it, which is where the next case starts; null after the test itself changed
     * it (a step completed, a batch entered, a candidate removed), when the next case dumps it again.
     */
    private String lastDump;

    @Test
    void everyBadRequestAndTaskCompletionIsRefusedNamingTheFieldAndChangesNothing() throws Exception {
        http = new Http(port, false);
        DrivenElections.Election election = driven.start("bad-input");
        DrivenElections.Election other = driven.start("bad-input-other");
        ObjectNode stranger = (ObjectNode) JSON.valueToTree(new HandbookElection().candidates().get(0));
        stranger.remove("status");
        stranger.put("id", "OTHER-0001");
        assertThat(post("zhangwei", "/api/elections/" + other.id + "/candidates", "[" + stranger + "]").statusCode())
                .isEqualTo(201);
        assertThat(DatabaseDump.tables(DatabaseDump.of(dataSource))).isGreaterThan(40);

        electionConfigurations(election);
        readEndpoints(election);
        candidateFiles(election);
        taskCompletions(election);

        System.out.println("Bad input: " + cases + " cases tried");
        softly.assertAll();
        assertThat(cases).isGreaterThanOrEqualTo(80);
    }

    private void electionConfigurations(DrivenElections.Election election) {
        ObjectNode valid = JSON.valueToTree(ElectionRequest.of(new HandbookElection().unit()));
        valid.put("code", "bad-new");
        for (String field : List.of("code", "name", "seats", "nomineeQuota", "minPreliminary", "minMinorities",
                "leadingCadreTarget", "frontlineTarget", "minWomenNominees", "minUnder55Nominees",
                "womenMemberSharePercent", "recommendingUnits")) {
            ObjectNode missing = valid.deepCopy();
            missing.remove(field);
            newElection("missing " + field, missing.toString(), field);
        }
        Map<String, Object[]> bad = new LinkedHashMap<>();
        bad.put("seats as text", new Object[] {"seats", "六十九", "seats"});
        bad.put("seats as fraction", new Object[] {"seats", 1.5, "seats"});
        bad.put("seats as list", new Object[] {"seats", List.of(1), "seats"});
        bad.put("seats negative", new Object[] {"seats", -69, "seats"});
        bad.put("seats zero", new Object[] {"seats", 0, "seats"});
        bad.put("negative minorities", new Object[] {"minMinorities", -1, "minMinorities"});
        bad.put("women share 150 %", new Object[] {"womenMemberSharePercent", 150, "womenMemberSharePercent"});
        bad.put("women share text", new Object[] {"womenMemberSharePercent", "很多", "womenMemberSharePercent"});
        bad.put("impossible date", new Object[] {"ageReferenceDate", "2022-13-01", "ageReferenceDate"});
        bad.put("units as text", new Object[] {"recommendingUnits", "city01", "recommendingUnits"});
        bad.put("no units", new Object[] {"recommendingUnits", List.of(), "recommendingUnits"});
        bad.put("preliminary election flag unknown", new Object[] {"preliminaryElection", "也许", "preliminaryElection"});
        bad.put("preliminary election flag as list", new Object[] {"preliminaryElection", List.of(true),
                "preliminaryElection"});
        bad.put("unknown field", new Object[] {"secretBallot", true, "secretBallot"});
        bad.put("SQL in code", new Object[] {"code", "x'; drop table election; --", "code"});
        bad.put("SQL in name", new Object[] {"name", "示例省'); delete from candidate; --", "name"});
        bad.put("script in name", new Object[] {"name", "<script>alert(1)</script>", "name"});
        bad.put("formula in name", new Object[] {"name", "=HYPERLINK(\"http://x\")", "name"});
        bad.put("code in use", new Object[] {"code", election.code, "code"});
        bad.put("unknown rule override", new Object[] {"ruleOverrides", Map.of("noSuchRule", Map.of()),
                "ruleOverrides"});
        bad.forEach((what, change) -> {
            ObjectNode request = valid.deepCopy();
            request.set((String) change[0], JSON.valueToTree(change[1]));
            newElection(what, request.toString(), (String) change[2]);
        });
        ObjectNode badUnit = valid.deepCopy();
        ((ObjectNode) badUnit.get("recommendingUnits").get(0)).put("nomineeQuota", -3);
        newElection("negative unit quota", badUnit.toString(), "recommendingUnits[0].nomineeQuota");
        ObjectNode scriptUnit = valid.deepCopy();
        ((ObjectNode) scriptUnit.get("recommendingUnits").get(1)).put("name", "<img src=x onerror=alert(1)>");
        newElection("script in a unit's name", scriptUnit.toString(), "recommendingUnits[1].name");
        refused("not JSON", 400, null, () -> post("zhangwei", "/api/elections", "{\"code\":"));
        refused("empty body", 400, null, () -> post("zhangwei", "/api/elections", ""));
        refused("array instead of object", 400, null, () -> post("zhangwei", "/api/elections", "[]"));
    }

    private void readEndpoints(DrivenElections.Election election) {
        refused("election id not a number", 400, "id", () -> get("/api/elections/abc"));
        refused("unknown election", 404, null, () -> get("/api/elections/987654"));
        refused("unknown election's report", 404, null, () -> get("/api/elections/987654/quota-reports/latest"));
        refused("unknown list", 400, "list", () -> get("/api/elections/" + election.id + "/composition?list=all"));
        refused("list missing", 400, "list", () -> get("/api/elections/" + election.id + "/composition"));
        refused("calendar date malformed", 400, "from", () -> get("/api/calendar/working-days?from=2022-02-30&count=5"));
        refused("calendar count zero", 400, "count", () -> get("/api/calendar/working-days?from=2022-04-01&count=0"));
        refused("calendar count negative", 400, "count",
                () -> get("/api/calendar/working-days?from=2022-04-01&count=-5"));
        refused("calendar count huge", 400, "count", () -> get("/api/calendar/working-days?from=2022-04-01&count=9999"));
        refused("calendar SQL", 400, "from",
                () -> get("/api/calendar/working-days?from=2022-04-01%27%20or%201=1&count=5"));
    }

    private void candidateFiles(DrivenElections.Election election) throws IOException {
        String path = "/api/elections/" + election.id + "/candidates";
        Map<String, String[]> csv = new LinkedHashMap<>();
        csv.put("formula in a name", new String[] {ROW.formatted("=CMD|' /C calc'!A0", "city01"), "姓名"});
        csv.put("formula with plus", new String[] {ROW.formatted("+SUM(1;2)", "city01"), "姓名"});
        csv.put("SQL in a name", new String[] {ROW.formatted("张三'); drop table candidate;--", "city01"), "姓名"});
        csv.put("script in a name", new String[] {ROW.formatted("<script>alert(1)</script>", "city01"), "姓名"});
        csv.put("unknown unit", new String[] {ROW.formatted("张三", "nowhere"), "推荐单位"});
        csv.put("unit of no election", new String[] {ROW.formatted("张三", "city01' or '1'='1"), "推荐单位"});
        csv.put("bad gender", new String[] {ROW.formatted("张三", "city01").replace(",男,", ",M,"), "性别"});
        csv.put("impossible birth date",
                new String[] {ROW.formatted("张三", "city01").replace("1970-05-01", "1970-02-30"), "出生日期"});
        csv.put("born in the future",
                new String[] {ROW.formatted("张三", "city01").replace("1970-05-01", "2990-01-01"), "出生日期"});
        csv.put("missing name", new String[] {ROW.formatted("", "city01"), "姓名"});
        for (Map.Entry<String, String[]> entry : csv.entrySet()) {
            refused(entry.getKey(), 400, entry.getValue()[1],
                    () -> http.send("POST", path, "zhangwei", DemoIdentity.PASSWORD,
                            HEADER + "\n" + entry.getValue()[0] + "\n", CandidateController.CSV));
        }
        refused("missing column", 400, null, () -> http.send("POST", path, "zhangwei", DemoIdentity.PASSWORD,
                "编号,姓名\nNEW-1,张三\n", CandidateController.CSV));
        refused("empty CSV", 400, null, () -> http.send("POST", path, "zhangwei", DemoIdentity.PASSWORD, "",
                CandidateController.CSV));
        refused("JSON object instead of array", 400, null, () -> post("zhangwei", path, "{\"id\":\"x\"}"));
        refused("JSON wrong type", 400, null, () -> post("zhangwei", path, "[{\"id\":\"NEW-1\",\"fullMember\":\"也许\"}]"));
        refused("not JSON", 400, null, () -> post("zhangwei", path, "[{"));
        refused("unknown election", 404, null, () -> post("zhangwei", "/api/elections/987654/candidates", "[]"));
        refused("oversized file", 413, null, () -> http.send("POST", path, "zhangwei", DemoIdentity.PASSWORD,
                HEADER + "\n" + (ROW.formatted("张三", "city01") + "\n").repeat(3000), CandidateController.CSV));
        refused("not a workbook", 400, null, () -> sendBytes(path, "这不是工作簿".getBytes(StandardCharsets.UTF_8)));
        byte[] bomb = zipBomb();
        assertThat(bomb.length).isLessThan(256 * 1024);
        refused("zip bomb .xlsx", 400, null, () -> sendBytes(path, bomb));
    }

    private void taskCompletions(DrivenElections.Election election) {
        String allocation = election.task("registerAllocation").getId();
        complete("seats as text", allocation, "zhangwei", Map.of("seats", value("六十九", "String")), "seats");
        complete("seats negative", allocation, "zhangwei", Map.of("seats", value(-69, "Long")), "seats");
        complete("women share 150 %", allocation, "zhangwei",
                Map.of("womenMemberSharePercent", value(150.0, "Double")), "womenMemberSharePercent");

        election.advanceTo("draftImplementationPlan");
        lastDump = null;
        String plan = election.task("draftImplementationPlan").getId();
        complete("four consultation rounds", plan, "zhangwei", Map.of("consultationRounds", value(4, "Long")),
                "consultationRounds");
        complete("no consultation round", plan, "zhangwei", Map.of("consultationRounds", value(0, "Long")),
                "consultationRounds");

        election.advanceTo("approveImplementationPlan");
        lastDump = null;
        String approval = election.task("approveImplementationPlan").getId();
        complete("approval missing", approval, "wangjun", Map.of(), "approved");
        complete("approval as text", approval, "wangjun", Map.of("approved", value("同意", "String")), "approved");
        complete("refusal without reason", approval, "wangjun", Map.of("approved", value(false, "Boolean")),
                "comment");

        election.advanceTo("mobilizeAndEducate");
        lastDump = null;
        String record = election.task("mobilizeAndEducate").getId();
        complete("date in the future", record, "zhangwei", Map.of("completedOn", value("2999-01-01", "String"),
                "note", value("已完成", "String")), "completedOn");
        complete("date malformed", record, "zhangwei", Map.of("completedOn", value("昨天", "String"),
                "note", value("已完成", "String")), "completedOn");

        election.advanceTo("proposeInspectionList");
        lastDump = null;
        String inspection = election.task("proposeInspectionList").getId();
        String nominee = election.ids(CandidateList.NOMINEES).get(0);
        complete("selection missing", inspection, "wangjun", Map.of(), "selectedCandidateIds");
        complete("selection as number", inspection, "wangjun", Map.of("selectedCandidateIds", value(5, "Long")),
                "selectedCandidateIds");
        complete("selection not JSON", inspection, "wangjun",
                Map.of("selectedCandidateIds", value("[\"" + nominee, "String")), "selectedCandidateIds");
        complete("unknown candidate", inspection, "wangjun", Map.of("selectedCandidateIds", ids(nominee, "NOPE-1")),
                "selectedCandidateIds");
        complete("candidate of another election", inspection, "wangjun",
                Map.of("selectedCandidateIds", ids(nominee, "OTHER-0001")), "selectedCandidateIds");
        complete("SQL as candidate id", inspection, "wangjun",
                Map.of("selectedCandidateIds", ids("x' or '1'='1")), "selectedCandidateIds");

        election.advancePastNoticeTo("plenaryDeliberation");
        lastDump = null;
        String deliberation = election.task("plenaryDeliberation").getId();
        Map<String, Object> deliberated = Map.of("completedOn", value("2022-06-08", "String"),
                "note", value("已酝酿。", "String"));
        complete("more prospective candidates than preliminary", deliberation, "lixiuying",
                with(deliberated, "prospectiveCount", value(1000, "Integer")), "prospectiveCount");
        complete("no competitive surplus", deliberation, "lixiuying",
                with(deliberated, "prospectiveCount", value(DrivenElections.UNIT.seats(), "Integer")),
                "prospectiveCount");
        complete("prospective count missing", deliberation, "lixiuying", deliberated, "prospectiveCount");

        election.advanceTo("plenaryVote");
        lastDump = null;
        String plenary = election.task("plenaryVote").getId();
        Ballot onPlenaryBallot = ballotRounds.nextBallot(election.id, Vote.PLENARY);
        String[] writtenIn = GeneratedBallots.csv(onPlenaryBallot, Map.of(), 2, 0).split("\n");
        writtenIn[1] = "反对:王五" + writtenIn[1].substring(writtenIn[1].indexOf(','));
        Map<String, Object> committee = Map.of("electorsDueToAttend", value(76, "Integer"),
                "electorsPresent", value(72, "Integer"), "ballotsIssued", value(72, "Integer"));
        complete("a name written in at the plenary vote", plenary, "lixiuying",
                with(committee, "ballotsText", value(String.join("\n", writtenIn), "String")),
                onPlenaryBallot.candidateIds().get(0));
        complete("unknown plenary ballot batch", plenary, "lixiuying",
                with(committee, "ballotBatchId", value("no-such-batch", "String")), "ballotBatchId");

        election.advanceTo("ballotAndCount");
        lastDump = null;
        String ballot = election.task("ballotAndCount").getId();
        complete("ballots missing", ballot, "huangli", Map.of(), "ballotsText");
        complete("unknown ballot batch", ballot, "huangli", attendance(Map.of("ballotBatchId",
                value("no-such-batch", "String"))), "ballotBatchId");
        Ballot onBallot = ballotRounds.nextBallot(election.id, Vote.CONGRESS);
        Map<String, Integer> approvals = new LinkedHashMap<>();
        onBallot.candidateIds().forEach(id -> approvals.put(id, 400));
        // a ballot typed into the form whose first mark is neither 赞成, 反对 nor 弃权
        String[] typed = GeneratedBallots.csv(onBallot, Map.of(), 2, 0).split("\n");
        typed[1] = "也许" + typed[1].substring(typed[1].indexOf(','));
        complete("typed ballot with an unknown mark", ballot, "huangli", attendance(Map.of("ballotsText",
                value(String.join("\n", typed), "String"))), onBallot.candidateIds().get(0));
        // the counters' batch of 780 ballots, entered before the completions that name it
        String batch = ballotRounds.enter(election.id, Vote.CONGRESS, TableFile.Format.CSV,
                GeneratedBallots.csv(onBallot, approvals, 776, 4).getBytes(StandardCharsets.UTF_8)).batchId();
        lastDump = null;
        Map<String, Object> named = Map.of("ballotBatchId", value(batch, "String"));
        complete("more present than due", ballot, "huangli", attendance(named, "electorsPresent", 900),
                "electorsPresent");
        complete("more ballots issued than electors present", ballot, "huangli",
                attendance(named, "ballotsIssued", 790), "ballotsIssued");
        complete("negative count", ballot, "huangli", attendance(named, "electorsPresent", -4), "electorsPresent");
        complete("no electors due", ballot, "huangli", attendance(named, "electorsDueToAttend", 0),
                "electorsDueToAttend");
        complete("count as text", ballot, "huangli", attendance(named, "ballotsIssued", "七百"), "ballotsIssued");

        election.advanceTo("credentialsReview");
        lastDump = null;
        String credentials = election.task("credentialsReview").getId();
        String[] elected = election.ids(CandidateList.ELECTED).toArray(String[]::new);
        candidates.remove(election.id, elected[0], "tester");
        lastDump = null;
        complete("a removed candidate", credentials, "zhoumin", Map.of("selectedCandidateIds", ids(elected)),
                "selectedCandidateIds");
    }

    /** The completion of step 23: 800 due, 782 present and issued, with the given variables and one change. */
    private static Map<String, Object> attendance(Map<String, Object> variables, String changed, Object value) {
        Map<String, Object> completion = attendance(variables);
        completion.put(changed, value(value, value instanceof String ? "String" : "Integer"));
        return completion;
    }

    private static Map<String, Object> attendance(Map<String, Object> variables) {
        Map<String, Object> completion = new LinkedHashMap<>();
        completion.put("electorsDueToAttend", value(800, "Integer"));
        completion.put("electorsPresent", value(782, "Integer"));
        completion.put("ballotsIssued", value(782, "Integer"));
        completion.putAll(variables);
        return completion;
    }

    private void newElection(String what, String body, String field) {
        refused("POST /api/elections: " + what, 400, field, () -> post("zhangwei", "/api/elections", body));
    }

    private void complete(String what, String taskId, String user, Map<String, Object> variables, String field) {
        String body = JSON.valueToTree(Map.of("variables", variables)).toString();
        refused("complete: " + what, 400, field,
                () -> http.json("POST", "/engine-rest/task/" + taskId + "/complete", user, DemoIdentity.PASSWORD,
                        body));
    }

    /**
     * Sends the request and checks the status, the field named (when given), a message in Chinese and an unchanged
     * database (compared with the dump the previous case ended with, unless the test changed the database since);
     * all cases are tried, and every miss reported at the end.
     */
    private void refused(String what, int status, String field, Supplier<HttpResponse<String>> request) {
        String before = lastDump != null ? lastDump : DatabaseDump.of(dataSource);
        HttpResponse<String> response = request.get();
        softly.assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(status);
        if (field != null) {
            softly.assertThat(response.body()).as(what).containsPattern("\"field\":\"[^\"]*" + Pattern.quote(field));
        }
        softly.assertThat(response.body()).as(what).containsPattern("\\p{IsHan}");
        lastDump = DatabaseDump.of(dataSource);
        softly.assertThat(DatabaseDump.difference(before, lastDump)).as(what + ": database changed").isEmpty();
        cases++;
    }

    private HttpResponse<String> get(String path) {
        return http.json("GET", path, "zhangwei", DemoIdentity.PASSWORD, null);
    }

    private HttpResponse<String> post(String user, String path, String body) {
        return http.json("POST", path, user, DemoIdentity.PASSWORD, body);
    }

    private HttpResponse<String> sendBytes(String path, byte[] content) {
        return http.sendBytes("POST", path, "zhangwei", DemoIdentity.PASSWORD, content, CandidateController.XLSX);
    }

    private static Map<String, Object> with(Map<String, Object> variables, String name, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(variables);
        changed.put(name, value);
        return changed;
    }

    private static Map<String, Object> value(Object value, String type) {
        return Map.of("value", value, "type", type);
    }

    /** A list of candidate ids as a Json variable, as Tasklist and REST clients send it. */
    private static Map<String, Object> ids(String... ids) {
        return value(JSON.valueToTree(List.of(ids)).toString(), "Json");
    }

    /** An .xlsx whose sheet inflates to 40 MB of the same byte from a few dozen KB: POI refuses to read it. */
    private static byte[] zipBomb() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                    + "content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>")
                    .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] block = new byte[1 << 20];
            Arrays.fill(block, (byte) ' ');
            for (int i = 0; i < 40; i++) {
                zip.write(block);
            }
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}

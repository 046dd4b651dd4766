package org.delegateelection.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import javax.sql.DataSource;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.delegateelection.api.Uploads;
import org.delegateelection.cluster.RestElections;
import org.delegateelection.cluster.RestElections.Login;
import org.delegateelection.demo.DemoIdentity;
import org.delegateelection.demo.GeneratedTallies;
import org.delegateelection.demo.HandbookElection;
import org.delegateelection.election.RecommendingUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A real organization runs its own election in production (issue 12): without the demo profile, on a database with
 * nothing but the administrator of {@code ADMIN_USER}, everything over HTTP. The administrator looks at the groups,
 * makes a body's user by hand, lifts a lock and imports the bodies' people by file; the organization department's
 * imported user registers an election that is not the handbook's (36 seats, its own code and name, its recommending
 * units under names of their own), enters next year's holidays, imports the units' people and the candidates; the
 * imported users then carry the election through {@code /engine-rest} to its end, the administrator only moving the
 * public notice's due date. Once the ballot is approved, the attacks an insider would try on a correction and on the
 * audited instance are refused, and a correction goes through review onto the printed ballot.
 * Every call is printed with its status. The job executor runs, as in production. Beside it: a bad user file is
 * refused whole with every row and reason, as JSON also when the caller asked for an .xlsx; unit codes the engine
 * cannot take as group ids are refused at registration; a body's user may not import people. Nothing is stored then.
 * And the national procedure: the Central Organization Department's person, imported by the administrator, starts
 * it over the REST API and allocates its seats, and one unit's own people run their election into its second
 * consultation round.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:production-walkthrough;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=true",
        // an idle job executor looks for jobs at least every 2 s (the timer whose due date the administrator moved)
        "camunda.bpm.job-execution.wait-time-in-millis=500",
        "camunda.bpm.job-execution.max-wait=2000",
        // a wrong password locks the account for 10 minutes, not 3 s: the lock holds until the administrator lifts it
        "camunda.bpm.generic-properties.properties.loginDelayBase=600",
        "camunda.bpm.generic-properties.properties.loginDelayMaxTime=600"})
class ProductionWalkthroughTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CSV = Uploads.CSV + ";charset=UTF-8";
    private static final String CODE = "dongzhou-province";
    private static final int SEATS = 36;

    /** The bodies' people as the administrator's file names them: group, the file's cell, account, name, e-mail. */
    private static final List<List<String>> BODY_PEOPLE = List.of(
            List.of(AccessRules.ORG_DEPT, "组织部", "liuyang", "刘洋", "liuyang@dongzhou.example.org"),
            List.of("standing-committee", "常委会", "sunli", "孙立", ""),
            List.of("plenary-committee", "plenary-committee", "zhoujie", "周洁", ""),
            List.of("discipline-commission", "纪委监委", "wugang", "吴刚", "wugang@dongzhou.example.org"),
            List.of("inspection-team", "考察组", "zhengyu", "郑宇", ""),
            List.of("central-org-dept", "中央组织部", "fengtao", "冯涛", ""),
            List.of("congress-secretariat", "大会秘书处", "heping", "何平", ""),
            List.of("credentials-committee", "代表资格审查委员会", "lvfang", "吕芳", ""));

    /**
     * The election's recommending units under their own names, and the person of each as the organization
     * department's file names them: code, unit name, the file's cell, account, name.
     */
    private static final List<List<String>> UNITS = List.of(
            List.of("city01", "临江市", "临江市", "chenhui", "陈辉"),
            List.of("city02", "安远市", "安远市党委", "liyan", "李燕"),
            List.of("city03", "青峰市", "ru-city03", "wangbo", "王波"),
            List.of("city04", "石桥市", "石桥市", "zhaomin", "赵敏"),
            List.of("city05", "东湖市", "东湖市", "qianlei", "钱磊"),
            List.of("city06", "云岭市", "云岭市", "sunjie", "孙杰"),
            List.of("city07", "清溪市", "清溪市", "zhouqing", "周青"),
            List.of("city08", "丰泽市", "丰泽市", "wuting", "吴婷"),
            List.of("city09", "兴隆市", "兴隆市", "zhengkai", "郑凯"),
            List.of("city10", "明湖市", "明湖市", "wanghui", "王慧"),
            List.of("city11", "长宁市", "长宁市", "fenglin", "冯林"),
            List.of("city12", "望海市", "望海市", "chenxue", "陈雪"),
            List.of("city13", "南岭市", "南岭市", "chuyang", "褚洋"),
            List.of("organs", "东州省直机关", "东州省直机关", "weining", "卫宁"),
            List.of("universities", "东州省高校", "东州省高校", "jiangfan", "蒋帆"),
            List.of("enterprises", "东州省属企业", "东州省属企业", "shenhua", "沈华"),
            List.of("affiliated", "东州省直属单位", "东州省直属单位", "hanmei", "韩梅"));

    /** The national procedure's code, the unit that runs its election here, and the unit registered from its row. */
    private static final String NATIONAL = "cpc21-production";
    private static final String UNIT = "nanzhou-province";
    private static final String OTHER_UNIT = "xibei-province";

    /** The Central Organization Department's person and 南州省's bodies, as {@link #BODY_PEOPLE}. */
    private static final List<List<String>> NATIONAL_PEOPLE = List.of(
            List.of(AccessRules.CENTRAL_ORG_DEPT, "中央组织部", "luoping", "罗平", "luoping@centre.example.org"),
            List.of(AccessRules.ORG_DEPT, "组织部", "nz-liuhong", "刘红", ""),
            List.of("standing-committee", "常委会", "nz-sunhai", "孙海", ""));

    /** 南州省's recommending units (the handbook's names) and their people, as {@link #UNITS}. */
    private static final List<List<String>> NANZHOU_UNITS = UNITS.stream()
            .map(u -> List.of(u.get(0), u.get(1), "ru-" + u.get(0), "nz-" + u.get(3), u.get(4))).toList();

    @LocalServerPort
    private int port;
    @Value("${ADMIN_USER}")
    private String admin;
    @Value("${ADMIN_PASSWORD}")
    private String adminPassword;
    @Autowired
    private IdentityService identityService;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private DataSource dataSource;

    private Http http;

    @Test
    void aRealOrganizationImportsItsPeopleAndTheyRunItsOwnElectionToTheEnd() {
        http = new Http(port, false);
        System.out.println("== 生产环境演练：管理员 " + admin + "，无 demo 配置");
        administratorManagesUsersAndGroups();

        // the bodies' people, by the template the administrator downloads and fills
        Map<String, Login> bodies = importBodies(BODY_PEOPLE, CODE);
        Login orgDept = bodies.get(AccessRules.ORG_DEPT);
        Login administrator = new Login(admin, adminPassword);
        enterNextYearsCalendar(bodies);

        // the organization department registers its own election: another size, its code, its units' own names
        HandbookElection handbook = new HandbookElection(SEATS);
        RestElections registrar = new RestElections(0, new RestElections.Users(administrator, bodies), System.out);
        ObjectNode registration = RestElections.registration(handbook, CODE);
        registration.put("name", "东州省");
        Map<String, String> unitNames = UNITS.stream().collect(Collectors.toMap(u -> u.get(0), u -> u.get(1)));
        registration.get("recommendingUnits").forEach(unit ->
                ((ObjectNode) unit).put("name", unitNames.get(unit.get("code").asText())));
        RestElections.Election election = registrar.register(base(), registration, handbook);
        JsonNode unitGroups = ok(admin, adminPassword, "GET", "/engine-rest/group?type=WORKFLOW&maxResults=1000");
        assertThat(StreamSupport.stream(unitGroups.spliterator(), false)
                .filter(g -> g.get("id").asText().startsWith("ru-")).map(g -> g.get("name").asText()))
                .containsExactlyInAnyOrderElementsOf(UNITS.stream().map(u -> u.get(1) + "党委").toList());

        // the units' people, by the .xlsx template, answered with the initial passwords as an .xlsx
        Map<String, Login> members = new LinkedHashMap<>(bodies);
        members.putAll(importUnits(orgDept, UNITS));
        registrar.importCandidates(base(), election, handbook);
        registrar.uploadTallies(base(), election, handbook);

        // nobody of the demo: the election is run by the organization's own people
        JsonNode users = ok(admin, adminPassword, "GET", "/engine-rest/user?maxResults=1000");
        Set<String> userIds = ids(users);
        assertThat(userIds).doesNotContainAnyElementsOf(DemoIdentity.USERS.stream().map(DemoIdentity.DemoUser::id)
                .toList());
        System.out.println("   用户 " + userIds.size() + " 名，无演示用户：" + userIds);

        RestElections driver = new RestElections(0, new RestElections.Users(administrator, members), System.out);
        driver.advance(this::base, election, "congressDeliberation", false);
        correctionAndAuditAsTheBodiesAndAnIntruderMeetThem(election, members);
        driver.advance(this::base, election, null, false);

        assertThat(driver.ended(base(), election)).isTrue();
        JsonNode candidates = ok(orgDept.userId(), orgDept.password(), "GET",
                "/api/elections/" + election.id() + "/candidates");
        long confirmed = StreamSupport.stream(candidates.spliterator(), false)
                .filter(c -> c.get("status").asText().equals("CONFIRMED")).count();
        assertThat(confirmed).isEqualTo(SEATS);
        JsonNode completions = ok(admin, adminPassword, "GET",
                "/engine-rest/history/user-operation?operationType=Complete&entityType=Task&maxResults=100000");
        Set<String> completedBy = StreamSupport.stream(completions.spliterator(), false)
                .filter(entry -> entry.path("rootProcessInstanceId").asText().equals(election.processInstanceId()))
                .map(entry -> entry.get("userId").asText()).collect(Collectors.toSet());
        assertThat(completedBy).doesNotContain(admin)
                .containsExactlyInAnyOrderElementsOf(members.values().stream().map(Login::userId).toList());
        System.out.printf("== 选举结束：资格确认的代表 %d 名（代表名额 %d 名）；任务由 %d 名导入的用户完成，管理员未完成任务%n",
                confirmed, SEATS, completedBy.size());
    }

    /**
     * The national procedure in production (decisions 0032, 0031), on the same server without demo data: the
     * administrator imports the Central Organization Department's person and the bodies of one unit, 南州省, whose
     * organization department registers the unit's election. The Centre starts the national procedure over the REST
     * API; two bad allocation files are refused by row and reason with nothing stored; it allocates the seats to
     * 南州省 and a unit registered from its row, and completes its task: 南州省's election now belongs to the national
     * procedure, the other unit's is out of its sight. 南州省's own people, imported by its organization department,
     * run the election: the implementation plan sets two consultation rounds, every recommending unit goes through
     * round 1 and its list goes down; a round-2 tally of 临江's user naming someone not on that list is refused by
     * row and reason with nothing stored, the tally on the list is taken, one grassroots committee's tallies are
     * corrected by re-uploading them with a reason (the person's support then counts the corrected rows instead of
     * the replaced ones), and the unit's round-2 step 5 completed.
     * Every task is completed by 南州省's imported people.
     */
    @Test
    void theCentreStartsANationalProcedureAndAUnitsOwnPeopleRunTwoConsultationRounds() {
        http = new Http(port, false);
        System.out.println("== 生产环境演练：全国代表选举和三上三下，管理员 " + admin);
        Map<String, Login> bodies = importBodies(NATIONAL_PEOPLE, UNIT);
        Login centre = bodies.get(AccessRules.CENTRAL_ORG_DEPT);
        Login orgDept = bodies.get(AccessRules.ORG_DEPT);
        Login administrator = new Login(admin, adminPassword);
        HandbookElection handbook = new HandbookElection(SEATS);
        RestElections registrar = new RestElections(0, new RestElections.Users(administrator, bodies), System.out);
        RestElections.Election election = registrar.register(base(), RestElections.registration(handbook, UNIT),
                handbook);

        // the Centre's notice, a bad allocation twice, the allocation, its task
        HttpResponse<String> started = logged(centre.userId(), "（中央通知）", http.json("POST",
                "/api/national/elections", centre.userId(), centre.password(), """
                        {"code": "%s", "congressName": "中国共产党第二十一次全国代表大会", "totalSeats": %d,
                         "unitCount": 2, "deadline": "2027-06-30", "progressCheckOn": "2027-06-01",
                         "requirements": "生产和工作第一线代表不少于三分之一；55岁以下代表不少于一半"}"""
                        .formatted(NATIONAL, SEATS + 24)));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String national = json(started.body()).get("processInstanceId").asText();
        String allocation = "/api/national/elections/" + NATIONAL + "/allocation";
        String header = "代码,选举单位,名额,女党员比例(%),类别\n";
        String before = DatabaseDump.of(dataSource);
        HttpResponse<String> unreadable = logged(centre.userId(), "（代码和女党员比例有误）", http.send("POST",
                allocation, centre.userId(), centre.password(), header + UNIT + ",南州省," + SEATS
                        + ",28.0,省区市\nXiBei,西北省,24,,省区市\n", CSV));
        assertThat(unreadable.statusCode()).isEqualTo(400);
        assertThat(json(unreadable.body()).get("problems")).extracting(p -> p.get("row").asInt(),
                p -> p.get("field").asText()).containsExactly(tuple(3, "代码"), tuple(3, "女党员比例(%)"));
        HttpResponse<String> otherSeats = logged(centre.userId(), "（名额与已登记的不符）", http.send("POST",
                allocation, centre.userId(), centre.password(), header + UNIT + ",南州省,30,28.0,省区市\n"
                        + OTHER_UNIT + ",西北省,30,27.5,省区市\n", CSV));
        assertThat(otherSeats.statusCode()).isEqualTo(400);
        assertThat(json(otherSeats.body()).get("problems")).extracting(p -> p.get("row").asInt(),
                p -> p.get("field").asText(), p -> p.get("reason").asText().contains("已登记的代表名额为 " + SEATS))
                .containsExactly(tuple(2, "名额", true));
        assertThat(DatabaseDump.difference(before, DatabaseDump.of(dataSource))).isEmpty();
        assertThat(logged(centre.userId(), "", http.send("POST", allocation, centre.userId(), centre.password(),
                header + UNIT + ",南州省," + SEATS + ",28.0,省区市\n" + OTHER_UNIT + ",西北省,24,27.5,省区市\n", CSV))
                .statusCode()).isEqualTo(201);
        String allocate = ok(centre.userId(), centre.password(), "GET", "/engine-rest/task?processInstanceId="
                + national + "&taskDefinitionKey=allocateSeats").get(0).get("id").asText();
        assertThat(logged(centre.userId(), "（分配名额）", http.json("POST", "/engine-rest/task/" + allocate
                + "/complete", centre.userId(), centre.password(), "{\"variables\": {}}")).statusCode())
                .isEqualTo(204);
        assertThat(ok(orgDept.userId(), orgDept.password(), "GET", "/engine-rest/process-instance/"
                + election.processInstanceId() + "/variables/nationalElection").get("value").asText())
                .isEqualTo(NATIONAL);
        assertThat(ok(orgDept.userId(), orgDept.password(), "GET", "/engine-rest/process-instance?businessKey="
                + OTHER_UNIT)).isEmpty();
        assertThat(ok(centre.userId(), centre.password(), "GET", "/engine-rest/process-instance?businessKey="
                + OTHER_UNIT)).hasSize(1);
        assertThat(ok(centre.userId(), centre.password(), "GET", "/api/national/elections/" + NATIONAL).toString())
                .contains(UNIT, OTHER_UNIT);
        assertThat(logged(orgDept.userId(), "", http.send("GET", "/api/national/elections/" + NATIONAL,
                orgDept.userId(), orgDept.password(), null, null)).statusCode()).isEqualTo(403);

        // the unit's people run its election: two consultation rounds
        Map<String, Login> members = new LinkedHashMap<>(bodies);
        members.remove(AccessRules.CENTRAL_ORG_DEPT);
        members.putAll(importUnits(orgDept, NANZHOU_UNITS));
        registrar.importCandidates(base(), election, handbook);
        registrar.uploadTallies(base(), election, handbook);
        RestElections driver = new RestElections(0, new RestElections.Users(administrator, members), System.out);
        driver.advance(this::base, election, "draftImplementationPlan", false);
        JsonNode plan = driver.tasks(base(), election).get(0);
        String planTask = "/engine-rest/task/" + plan.get("id").asText();
        assertThat(http.json("POST", planTask + "/claim", orgDept.userId(), orgDept.password(),
                "{\"userId\": \"" + orgDept.userId() + "\"}").statusCode()).isEqualTo(204);
        Map<String, Object> planValues = new LinkedHashMap<>(driver.values(base(), election, plan));
        planValues.put("consultationRounds", RestElections.restValue(2));
        assertThat(driver.submit(base(), plan, orgDept.userId(), planValues).status()).isEqualTo(204);
        driver.advance(this::base, election, "branchRecommendation", false);
        Set<String> roundOne = driver.tasks(base(), election).stream()
                .filter(t -> t.get("taskDefinitionKey").asText().equals("branchRecommendation"))
                .map(t -> t.get("id").asText()).collect(Collectors.toSet());
        assertThat(roundOne).hasSize(NANZHOU_UNITS.size());
        for (int completed = 0; ; completed++) {
            List<JsonNode> open = driver.tasks(base(), election).stream().filter(t -> !t.get("taskDefinitionKey")
                    .asText().equals("branchRecommendation") || roundOne.contains(t.get("id").asText())).toList();
            if (open.isEmpty()) {
                break;
            }
            assertThat(completed).as("round 1 of every unit").isLessThan(10 * NANZHOU_UNITS.size());
            assertThat(driver.complete(base(), election, open.get(0)).status()).isIn(204, 409);
        }
        assertThat(driver.tasks(base(), election)).hasSize(NANZHOU_UNITS.size());

        // round 2 of 临江 (city01): its own user uploads the branches' tallies on the list sent down
        Login city01 = members.get("ru-city01");
        String api = "/api/elections/" + election.id();
        List<String> list = new ArrayList<>();
        ok(city01.userId(), city01.password(), "GET", api + "/recommendations/support?unit=city01&round=1")
                .get("listIssued").forEach(p -> list.add(p.get("candidateId").asText()));
        assertThat(list).isNotEmpty();
        String notListed = handbook.candidates().stream().filter(c -> "city01".equals(c.recommendingUnit())
                && !list.contains(c.id())).findFirst().orElseThrow().id();
        String upload = api + "/recommendations?unit=city01&round=2";
        String untouched = DatabaseDump.of(dataSource);
        HttpResponse<String> refused = logged(city01.userId(), "（第 2 轮推荐了名单外的人选）", http.send("POST", upload,
                city01.userId(), city01.password(), GeneratedTallies.HEADER + "\n临江市新区基层党委,第一党支部,20,20,"
                        + list.get(0) + ",,,,18\n临江市新区基层党委,第一党支部,20,20," + notListed + ",,,,6\n", CSV));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused.body()).get("problems")).extracting(p -> p.get("row").asInt(),
                p -> p.get("field").asText()).containsExactly(tuple(3, "人选编号"));
        assertThat(json(refused.body()).get("problems").get(0).get("reason").asText()).contains(notListed,
                "不在第 1 轮下发的推荐人选名单中，第 2 轮只能推荐名单中的人选");
        assertThat(DatabaseDump.difference(untouched, DatabaseDump.of(dataSource))).isEmpty();
        RecommendingUnit unit = handbook.unit().recommendingUnits().stream().filter(u -> u.code().equals("city01"))
                .findFirst().orElseThrow();
        String roundTwoFile = GeneratedTallies.csvOfList(unit, list, 2);
        HttpResponse<String> taken = logged(city01.userId(), "（第 2 轮，按下发的名单）", http.send("POST", upload,
                city01.userId(), city01.password(), roundTwoFile, CSV));
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
        // a committee's tallies corrected by re-uploading it with a reason: its rows replace those of the first file
        String first = list.get(0);
        String corrected = unit.name() + "第1基层党委";
        long[] replacedFigures = new long[2];
        roundTwoFile.lines().map(line -> line.split(",", -1))
                .filter(cells -> cells[0].equals(corrected) && cells[4].equals(first)).forEach(cells -> {
                    replacedFigures[0]++;
                    replacedFigures[1] += Long.parseLong(cells[8]);
                });
        assertThat(replacedFigures[0]).as("the generated committee recommends the list's first").isPositive();
        JsonNode supportBefore = supportOf(ok(city01.userId(), city01.password(), "GET", api
                + "/recommendations/support?unit=city01&round=2"), first);
        HttpResponse<String> correction = logged(city01.userId(), "（更正一个基层党委的推荐情况）", http.send("POST",
                upload + "&reason=" + URLEncoder.encode("第1党支部得票数录入有误", StandardCharsets.UTF_8),
                city01.userId(), city01.password(), GeneratedTallies.HEADER + "\n" + corrected + ",第一党支部,20,20,"
                        + first + ",,,,20\n", CSV));
        assertThat(correction.statusCode()).as(correction.body()).isEqualTo(201);
        assertThat(json(correction.body()).get("replaced").get(0).asText()).isEqualTo(corrected);
        JsonNode supportAfter = supportOf(ok(city01.userId(), city01.password(), "GET", api
                + "/recommendations/support?unit=city01&round=2"), first);
        assertThat(supportAfter.get("branches").asLong())
                .isEqualTo(supportBefore.get("branches").asLong() - replacedFigures[0] + 1);
        assertThat(supportAfter.get("votes").asLong())
                .isEqualTo(supportBefore.get("votes").asLong() - replacedFigures[1] + 20);
        JsonNode stepFive = ok(orgDept.userId(), orgDept.password(), "GET", "/engine-rest/task?processInstanceBusinessKey="
                + UNIT + "&taskDefinitionKey=branchRecommendation&candidateGroup=ru-city01").get(0);
        assertThat(driver.complete(base(), election, stepFive).status()).isEqualTo(204);
        JsonNode roundTwo = ok(city01.userId(), city01.password(), "GET", api
                + "/recommendations/support?unit=city01&round=2");
        List<String> supported = new ArrayList<>();
        roundTwo.get("people").forEach(p -> supported.add(p.get("candidateId").asText()));
        assertThat(supported).isNotEmpty().isSubsetOf(list);

        JsonNode completions = ok(admin, adminPassword, "GET", "/engine-rest/history/user-operation?"
                + "operationType=Complete&entityType=Task&maxResults=100000");
        Set<String> completedBy = StreamSupport.stream(completions.spliterator(), false)
                .filter(entry -> entry.path("rootProcessInstanceId").asText().equals(election.processInstanceId()))
                .map(entry -> entry.get("userId").asText()).collect(Collectors.toSet());
        assertThat(completedBy).isNotEmpty().isSubsetOf(members.values().stream().map(Login::userId).toList());
        System.out.printf("== 全国代表选举 %s：名额分配给 %s 和 %s；%s 第 1 轮 %d 个推荐单位的名单下发，第 2 轮推荐开始，"
                + "任务由本单位 %d 名导入的用户完成%n", NATIONAL, UNIT, OTHER_UNIT, UNIT, roundOne.size(), completedBy.size());
    }

    /**
     * The organization department enters next year's holidays as the State Council publishes them (a public notice
     * may run into the new year); the standing committee may read the calendar but not change it.
     */
    private void enterNextYearsCalendar(Map<String, Login> bodies) {
        String year;
        try (var in = getClass().getResourceAsStream("/test-calendar/cn-2027.yaml")) {
            year = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Login committee = bodies.get("standing-committee");
        String before = calendarYears();
        assertThat(logged(committee.userId(), "（常委会）", http.send("PUT", "/api/calendar/years/2027",
                committee.userId(), committee.password(), year, "application/yaml")).statusCode()).isEqualTo(403);
        assertThat(calendarYears()).isEqualTo(before);
        Login orgDept = bodies.get(AccessRules.ORG_DEPT);
        assertThat(logged(orgDept.userId(), "（组织部，2027 年节假日）", http.send("PUT", "/api/calendar/years/2027",
                orgDept.userId(), orgDept.password(), year, "application/yaml")).statusCode()).isEqualTo(200);
        JsonNode years = ok(committee.userId(), committee.password(), "GET", "/api/calendar/years").path("years");
        assertThat(StreamSupport.stream(years.spliterator(), false).filter(y -> y.path("year").asInt() == 2027)
                .map(y -> y.path("storedBy").asText())).containsExactly(orgDept.userId());
    }

    private String calendarYears() {
        return jdbc.sql("select * from calendar_year order by id").query().listOfRows().toString();
    }

    /**
     * Once the Centre has approved the ballot (the congress deliberates): a unit's user tries a correction, tries to
     * rewrite the correction the review task carries and to complete it; the organization department's own user
     * tries the same rewrite; the discipline commission reads the audit and tries to change or delete the instance.
     * Each is refused (403) and the database is as it was. The organization department then asks for the
     * correction, reviews it in its task, and the ballot paper the secretariat prints carries the corrected name;
     * the discipline commission finds it in the registry's trail and the chain intact.
     */
    private void correctionAndAuditAsTheBodiesAndAnIntruderMeetThem(RestElections.Election election,
            Map<String, Login> members) {
        String api = "/api/elections/" + election.id();
        Login orgDept = members.get(AccessRules.ORG_DEPT);
        Login unit = members.get("ru-city01");
        Login secretariat = members.get("congress-secretariat");
        Login discipline = members.get("discipline-commission");
        JsonNode onBallot = ok(secretariat.userId(), secretariat.password(), "GET",
                api + "/ballot?vote=congress&round=1").path("candidates").get(0);
        String corrected = onBallot.path("name").asText() + "华";
        String correction = "{\"candidateId\": \"" + onBallot.path("id").asText() + "\", \"reason\": "
                + "\"姓名录入错误，据干部档案更正\", \"changes\": {\"name\": \"" + corrected + "\"}}";
        String untouched = DatabaseDump.of(dataSource);
        assertThat(logged(unit.userId(), "（推荐单位）", http.json("POST", api + "/corrections", unit.userId(),
                unit.password(), correction)).statusCode()).isEqualTo(403);
        assertThat(DatabaseDump.of(dataSource)).isEqualTo(untouched);

        assertThat(logged(orgDept.userId(), "", http.json("POST", api + "/corrections", orgDept.userId(),
                orgDept.password(), correction)).statusCode()).isEqualTo(201);
        String review = ok(orgDept.userId(), orgDept.password(), "GET", "/engine-rest/task?processInstanceId="
                + election.processInstanceId() + "&taskDefinitionKey=reviewCorrection").get(0).path("id").asText();
        String requested = DatabaseDump.of(dataSource);
        String otherCorrection = "{\"value\": 1, \"type\": \"Long\"}";
        for (Login intruder : List.of(unit, orgDept)) {
            assertThat(logged(intruder.userId(), "（改写待审核的纠错）", http.json("PUT", "/engine-rest/task/" + review
                    + "/variables/correctionId", intruder.userId(), intruder.password(), otherCorrection))
                    .statusCode()).isEqualTo(403);
        }
        assertThat(logged(unit.userId(), "（推荐单位审核纠错）", http.json("POST", "/engine-rest/task/" + review
                + "/complete", unit.userId(), unit.password(), "{\"variables\": {\"approved\": {\"value\": true}, "
                + "\"finding\": {\"value\": \"同意\"}}}")).statusCode()).isEqualTo(403);
        String instance = "/engine-rest/process-instance/" + election.processInstanceId();
        assertThat(ok(discipline.userId(), discipline.password(), "GET", instance + "/variables").has("electionId"))
                .isTrue();
        assertThat(logged(discipline.userId(), "（纪委改变量）", http.json("PUT", instance + "/variables/electionId",
                discipline.userId(), discipline.password(), otherCorrection)).statusCode()).isEqualTo(403);
        assertThat(logged(discipline.userId(), "（纪委跳转流程）", http.json("POST", instance + "/modification",
                discipline.userId(), discipline.password(), "{\"instructions\": [{\"type\": "
                        + "\"startBeforeActivity\", \"activityId\": \"credentialsReview\"}]}")).statusCode())
                .isEqualTo(403);
        assertThat(logged(discipline.userId(), "（纪委删除流程）", http.send("DELETE", instance, discipline.userId(),
                discipline.password(), null, null)).statusCode()).isEqualTo(403);
        assertThat(DatabaseDump.of(dataSource)).isEqualTo(requested);

        assertThat(logged(orgDept.userId(), "（审核纠错）", http.json("POST", "/engine-rest/task/" + review
                + "/complete", orgDept.userId(), orgDept.password(), "{\"variables\": {\"approved\": {\"value\": "
                + "true}, \"finding\": {\"value\": \"核对干部档案属实\"}}}")).statusCode()).isEqualTo(204);
        HttpResponse<byte[]> paper = logged(secretariat.userId(), "", http.download("GET", api
                + "/documents/ballot-paper.pdf?vote=congress&round=1", secretariat.userId(), secretariat.password(),
                null, null));
        assertThat(paper.statusCode()).isEqualTo(200);
        try (PDDocument pdf = Loader.loadPDF(paper.body())) {
            assertThat(new PDFTextStripper().getText(pdf)).contains(corrected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode trail = ok(discipline.userId(), discipline.password(), "GET", api + "/candidates/changes");
        assertThat(trail.get(trail.size() - 1).path("reason").asText()).isEqualTo("纠错：姓名录入错误，据干部档案更正");
        assertThat(ok(discipline.userId(), discipline.password(), "GET", api + "/integrity").path("intact")
                .asBoolean()).isTrue();
        System.out.println("   选票印制后：推荐单位提纠错、改写或完成纠错审核任务，组织部改写任务变量，纪委改变量、跳转或删除流程"
                + " → 均 403，数据库未变；组织部纠错经审核后选票印为“" + corrected + "”，纪委查得变更记录，校验链完好");
    }

    /** (a) The administrator lists the groups, makes a body's user and puts it in its group, lifts a lock. */
    private void administratorManagesUsersAndGroups() {
        JsonNode groups = ok(admin, adminPassword, "GET", "/engine-rest/group?maxResults=1000");
        assertThat(ids(groups)).containsAll(AccessRules.BODY_GROUPS.keySet()).contains(Groups.CAMUNDA_ADMIN);

        String weak = "{\"profile\": {\"id\": \"qianwei\", \"firstName\": \"钱伟\", \"lastName\": \"\"},"
                + " \"credentials\": {\"password\": \"qianwei123\"}}";
        HttpResponse<String> refused = logged(admin, "（弱密码）", http.json("POST", "/engine-rest/user/create", admin,
                adminPassword, weak));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused.body()).get("message").asText()).isEqualTo("密码不符合密码策略（不得包含账号、姓名或电子邮箱；"
                + "至少 10 个字符；至少 1 个小写字母；至少 1 个大写字母；至少 1 个数字；至少 1 个特殊字符），未保存");
        String chinese = "{\"profile\": {\"id\": \"钱伟\", \"firstName\": \"钱伟\", \"lastName\": \"\"},"
                + " \"credentials\": {\"password\": \"Qian-Wei-2027!\"}}";
        HttpResponse<String> badId = logged(admin, "（账号为汉字）", http.json("POST", "/engine-rest/user/create", admin,
                adminPassword, chinese));
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(json(badId.body()).get("message").asText()).isEqualTo("账号只能由英文字母、数字和连字符“-”组成：钱伟，未保存");
        String created = "{\"profile\": {\"id\": \"qianwei\", \"firstName\": \"钱伟\", \"lastName\": \"\","
                + " \"email\": \"qianwei@dongzhou.example.org\"}, \"credentials\": {\"password\": \"Qian-Wei-2027!\"}}";
        assertThat(logged(admin, "", http.json("POST", "/engine-rest/user/create", admin, adminPassword, created))
                .statusCode()).isEqualTo(204);
        assertThat(logged(admin, "", http.send("PUT", "/engine-rest/group/standing-committee/members/qianwei", admin,
                adminPassword, null, null)).statusCode()).isEqualTo(204);
        assertThat(groupsOf("qianwei", "Qian-Wei-2027!")).containsExactly("standing-committee");

        // a wrong password locks the account; the administrator lifts the lock
        assertThat(logged("qianwei", "（密码错误）", http.send("GET", "/engine-rest/task/count", "qianwei",
                "Qian-Wei-2026!", null, null)).statusCode()).isEqualTo(401);
        assertThat(logged("qianwei", "（已锁定）", http.send("GET", "/engine-rest/task/count", "qianwei",
                "Qian-Wei-2027!", null, null)).statusCode()).isEqualTo(401);
        assertThat(logged(admin, "", http.send("POST", "/engine-rest/user/qianwei/unlock", admin, adminPassword, null,
                null)).statusCode()).isEqualTo(204);
        assertThat(logged("qianwei", "（解锁后）", http.send("GET", "/engine-rest/task/count", "qianwei",
                "Qian-Wei-2027!", null, null)).statusCode()).isEqualTo(200);
    }

    /**
     * (b) The administrator downloads the CSV template, puts the bodies' people ({@link #BODY_PEOPLE}'s columns) in
     * place of its sample row and imports it into the electoral unit {@code unit} (the code its election will have;
     * the central bodies' people see every unit through their groups); each initial password opens its account and
     * meets the policy. The people's logins, by group.
     */
    private Map<String, Login> importBodies(List<List<String>> people, String unit) {
        HttpResponse<String> template = logged(admin, "", http.send("GET", "/api/users/template.csv", admin,
                adminPassword, null, null));
        assertThat(template.statusCode()).isEqualTo(200);
        List<String> lines = template.body().lines().toList();
        assertThat(lines).hasSize(2);
        StringBuilder file = new StringBuilder(lines.get(0)).append("\r\n");
        people.forEach(p -> file.append(String.join(",", p.get(2), p.get(3), p.get(1), p.get(4))).append("\r\n"));
        HttpResponse<String> imported = logged(admin, "（CSV，" + people.size() + " 名）", http.send("POST",
                "/api/users?unit=" + unit,
                admin, adminPassword, file.toString(), CSV));
        assertThat(imported.statusCode()).isEqualTo(201);
        JsonNode answer = json(imported.body());
        assertThat(answer.get("created").asInt()).isEqualTo(people.size());
        assertThat(answer.get("updated").asInt()).isZero();
        for (List<String> person : people) {
            assertThat(identityService.createTenantQuery().userMember(person.get(2)).list().stream()
                    .map(tenant -> tenant.getId()).toList()).as(person.get(2))
                    .isEqualTo(AccessRules.CENTRAL_BODIES.contains(person.get(0)) ? List.of() : List.of(unit));
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        answer.get("people").forEach(p -> passwords.put(p.get("userId").asText(), p.get("initialPassword").asText()));
        Map<String, Login> logins = new LinkedHashMap<>();
        for (List<String> person : people) {
            Login login = new Login(person.get(2), passwords.get(person.get(2)));
            assertThat(meetsThePolicy(login, person.get(3))).as(login.userId()).isTrue();
            assertThat(groupsOf(login.userId(), login.password())).containsExactly(person.get(0));
            logins.put(person.get(0), login);
        }
        System.out.println("   " + logins.size() + " 名机关人员以初始密码登录（GET /engine-rest/identity/groups）→ 200，各属其机关；"
                + "初始密码均符合密码策略（POST /engine-rest/identity/password-policy → valid）");
        return logins;
    }

    /**
     * (c) The organization department's user downloads the .xlsx template, fills in the units' people
     * ({@link #UNITS}' columns; the first in place of the sample row) and uploads it as a form would, asking for the
     * initial passwords as an .xlsx. The people's logins, by their unit's group.
     */
    private Map<String, Login> importUnits(Login orgDept, List<List<String>> units) {
        HttpResponse<byte[]> template = logged(orgDept.userId(), "", http.download("GET", "/api/users/template.xlsx",
                orgDept.userId(), orgDept.password(), null, null));
        assertThat(template.statusCode()).isEqualTo(200);
        byte[] filled;
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(cells(sheet.getRow(0))).containsExactlyElementsOf(UserImport.COLUMNS);
            for (int i = 0; i < units.size(); i++) {
                Row row = sheet.getRow(i + 1) == null ? sheet.createRow(i + 1) : sheet.getRow(i + 1);
                List<String> unit = units.get(i);
                row.createCell(0).setCellValue(unit.get(3));
                row.createCell(1).setCellValue(unit.get(4));
                row.createCell(2).setCellValue(unit.get(2));
                row.createCell(3).setBlank();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            filled = out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Http.Upload upload = Http.Upload.of("units.xlsx", Uploads.XLSX, filled);
        HttpResponse<byte[]> imported = logged(orgDept.userId(), "（.xlsx 上传，" + units.size() + " 名，要求 .xlsx 回复）",
                http.download("POST", "/api/users", orgDept.userId(), orgDept.password(), upload.body(),
                        upload.contentType(), "Accept", Uploads.XLSX));
        assertThat(imported.statusCode()).isEqualTo(201);
        assertThat(imported.headers().firstValue("Content-Type")).hasValue(Uploads.XLSX);
        Map<String, String> passwords = new LinkedHashMap<>();
        try (XSSFWorkbook answer = new XSSFWorkbook(new ByteArrayInputStream(imported.body()))) {
            Sheet sheet = answer.getSheetAt(0);
            assertThat(cells(sheet.getRow(1))).containsExactly("账号", "姓名", "初始密码");
            for (int i = 2; i <= sheet.getLastRowNum(); i++) {
                List<String> row = cells(sheet.getRow(i));
                passwords.put(row.get(0), row.get(2));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(passwords.keySet()).containsExactlyElementsOf(units.stream().map(u -> u.get(3)).toList());
        Map<String, Login> logins = new LinkedHashMap<>();
        for (List<String> unit : units) {
            Login login = new Login(unit.get(3), passwords.get(unit.get(3)));
            assertThat(groupsOf(login.userId(), login.password())).containsExactly("ru-" + unit.get(0));
            logins.put("ru-" + unit.get(0), login);
        }
        System.out.println("   回复的 .xlsx 列出 " + passwords.size() + " 个初始密码；各人以之登录"
                + "（GET /engine-rest/identity/groups）→ 200，各属其推荐单位的用户组 ru-<代码>");
        return logins;
    }

    @Test
    void aBadUserFileIsRefusedWholeWithEveryRowAndReasonAndNothingIsStored() {
        http = new Http(port, false);
        TestUsers.ensure(identityService, "hr-clerk", AccessRules.ORG_DEPT);
        String before = identities();
        String file = "账号,姓名,所属机关或推荐单位,电子邮箱\n"
                + "zhanglan,张兰,组织部,\n"
                + "张三,张三,组织部,\n"
                + "a b,王五,常委会,\n"
                + "zhaoliu,,组织部,\n"
                + "sunqi,孙七,宣传部,\n"
                + "zhouba,周八,camunda-admin,\n"
                + "zhanglan,张兰兰,常委会,\n"
                + "wujiu,吴九,组织部,wujiu@\n"
                + admin + ",管理员,组织部,\n";

        for (String accept : List.of("application/json", Uploads.XLSX)) {
            HttpResponse<String> refused = http.send("POST", "/api/users", "hr-clerk", TestUsers.PASSWORD, file, CSV,
                    "Accept", accept);

            assertThat(refused.statusCode()).as(accept).isEqualTo(400);
            JsonNode body = json(refused.body());
            assertThat(body.get("message").asText()).isEqualTo("用户名单文件有误，未保存任何内容");
            assertThat(body.get("problems")).extracting(p -> p.get("row").asInt(), p -> p.get("field").asText())
                    .containsExactly(tuple(3, "账号"), tuple(4, "账号"), tuple(5, "姓名"), tuple(6, "所属机关或推荐单位"),
                            tuple(7, "所属机关或推荐单位"), tuple(8, "账号"), tuple(9, "电子邮箱"), tuple(10, "账号"));
            assertThat(body.get("problems").get(7).get("reason").asText())
                    .isEqualTo(admin + " 是系统管理员，只能由管理员修改");
        }
        HttpResponse<String> unknownColumn = http.send("POST", "/api/users", "hr-clerk", TestUsers.PASSWORD,
                "姓名,所属机关或推荐单位,手机\n张兰,组织部,13800000000\n", CSV);
        assertThat(unknownColumn.statusCode()).isEqualTo(400);
        assertThat(json(unknownColumn.body()).get("problems")).extracting(p -> p.get("field").asText(),
                p -> p.get("reason").asText()).containsExactly(tuple("手机", "未知的列，表头须为 账号、姓名、所属机关或推荐单位、电子邮箱"),
                tuple("账号", "缺少此列"));
        assertThat(identities()).isEqualTo(before);
    }

    @Test
    void aRegistrationWithUnitCodesTheEngineCannotTakeIsRefusedNamingEach() {
        http = new Http(port, false);
        TestUsers.ensure(identityService, "registrar", AccessRules.ORG_DEPT);
        ObjectNode registration = RestElections.registration(new HandbookElection(SEATS), "bad-codes");
        // a unit's group is ru-<code>: a code of 62 characters makes a group id longer than the engine's 64
        List<String> codes = List.of("a".repeat(62), "City02", "东川");
        for (int i = 0; i < codes.size(); i++) {
            ((ObjectNode) registration.get("recommendingUnits").get(i)).put("code", codes.get(i));
        }
        String before = identities();

        HttpResponse<String> refused = http.json("POST", "/api/elections", "registrar", TestUsers.PASSWORD,
                registration.toString());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused.body()).get("problems")).extracting(p -> p.get("field").asText(),
                p -> p.get("reason").asText()).containsExactly(
                tuple("recommendingUnits[0].code", "推荐单位代码须为1至61位小写字母、数字或连字符（其用户组 ru-代码 至多 64 个字符）"),
                tuple("recommendingUnits[1].code", "推荐单位代码须为1至61位小写字母、数字或连字符（其用户组 ru-代码 至多 64 个字符）"),
                tuple("recommendingUnits[2].code", "推荐单位代码须为1至61位小写字母、数字或连字符（其用户组 ru-代码 至多 64 个字符）"));
        assertThat(identities()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from election where code = 'bad-codes'").query(Long.class).single())
                .isZero();
    }

    @Test
    void aBodysUserMayNeitherImportPeopleNorDownloadTheTemplate() {
        http = new Http(port, false);
        TestUsers.ensure(identityService, "committee-member", "standing-committee");
        String before = identities();

        HttpResponse<String> refused = http.send("POST", "/api/users", "committee-member", TestUsers.PASSWORD,
                "账号,姓名,所属机关或推荐单位\nzhanglan,张兰,常委会\n", CSV);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused.body()).get("message").asText()).isEqualTo("无权访问");
        assertThat(http.send("GET", "/api/users/template.xlsx", "committee-member", TestUsers.PASSWORD, null, null)
                .statusCode()).isEqualTo(403);
        assertThat(identities()).isEqualTo(before);
    }

    /** The groups Tasklist gives the user, asked with the user's own login (which must work). */
    private List<String> groupsOf(String userId, String password) {
        HttpResponse<String> answer = http.send("GET", "/engine-rest/identity/groups?userId=" + userId, userId,
                password, null, null);
        assertThat(answer.statusCode()).as(userId).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        json(answer.body()).get("groups").forEach(group -> ids.add(group.get("id").asText()));
        return ids;
    }

    /** Whether the administrator's check of the password against the policy, for this user, passes. */
    private boolean meetsThePolicy(Login login, String name) {
        String body = "{\"password\": \"" + login.password() + "\", \"profile\": {\"id\": \"" + login.userId()
                + "\", \"firstName\": \"" + name + "\", \"lastName\": \"\"}}";
        HttpResponse<String> answer = http.json("POST", "/engine-rest/identity/password-policy", admin,
                adminPassword, body);
        assertThat(answer.statusCode()).isEqualTo(200);
        return json(answer.body()).get("valid").asBoolean();
    }

    private JsonNode ok(String user, String password, String method, String path) {
        HttpResponse<String> answer = logged(user, "", http.send(method, path, user, password, null, null));
        assertThat(answer.statusCode()).as(method + " " + path).isEqualTo(200);
        return json(answer.body());
    }

    /** Prints the call, its caller and its answer's status. */
    private static <T> HttpResponse<T> logged(String user, String note, HttpResponse<T> answer) {
        String query = answer.uri().getRawQuery();
        System.out.printf("%s %s%s（%s）%s→ %d%n", answer.request().method(), answer.uri().getPath(),
                query == null ? "" : "?" + query, user, note, answer.statusCode());
        return answer;
    }

    private String base() {
        return "http://localhost:" + port;
    }

    /** The engine's users and memberships, row by row. */
    private String identities() {
        return List.of(jdbc.sql("select * from act_id_user order by id_").query().listOfRows(),
                jdbc.sql("select * from act_id_membership order by user_id_, group_id_").query().listOfRows())
                .toString();
    }

    private static Set<String> ids(JsonNode array) {
        Set<String> ids = new HashSet<>();
        array.forEach(element -> ids.add(element.get("id").asText()));
        return ids;
    }

    private static List<String> cells(Row row) {
        DataFormatter format = new DataFormatter();
        List<String> cells = new ArrayList<>();
        row.forEach(cell -> cells.add(format.formatCellValue(cell)));
        return cells;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The person's row in a support report. */
    private static JsonNode supportOf(JsonNode report, String candidateId) {
        return StreamSupport.stream(report.get("people").spliterator(), false)
                .filter(p -> candidateId.equals(p.path("candidateId").asText(null))).findFirst().orElseThrow();
    }
}

package org.delegateelection.web;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.delegateelection.demo.DecisionPlan;
import org.delegateelection.demo.DemoIdentity;
import org.delegateelection.demo.HandbookDriver;
import org.delegateelection.demo.HandbookElection;
import org.delegateelection.election.ElectionRepository;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a new user sees, in the system's headless Chromium with a Chinese browser: Tasklist, the forms of the handbook
 * election, the unit's tasks seen only by the unit, a failed quota check reported in the form, Cockpit with the
 * election's current activity and the quota view, Admin and the welcome page, the ballot form of step 23. A
 * screenshot of every step goes to {@code target/screenshots/}; the user guide ({@code docs/user-guide/images/})
 * shows copies of them.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:webapps-browser;DB_CLOSE_DELAY=-1")
@ActiveProfiles("demo")
@Tag("browser")
class WebappsBrowserTest {

    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());
    private static final DecisionPlan PLAN = new HandbookElection().plan();

    @BeforeAll
    static void removeOldScreenshots() {
        Browser.clearScreenshots();
    }

    @LocalServerPort
    private int port;
    @Autowired
    private HandbookDriver driver;
    @Autowired
    private ElectionRepository elections;
    @Autowired
    private TaskService taskService;
    @Autowired
    private FormService formService;

    @Test
    void newUserFollowsTheHandbookElectionThroughTasklistAndCockpit() {
        String code = new HandbookElection().unit().code();
        long electionId = elections.idOf(code).orElseThrow();
        String processInstanceId = elections.processInstanceOf(electionId).orElseThrow();

        try (Browser browser = new Browser(port, "zh-CN")) {
            browser.screenshotOnFailure(() -> walkThrough(browser, electionId, code, processInstanceId));
        }
    }

    @Test
    void englishStaysAvailableForABrowserSetToEnglish() {
        try (Browser browser = new Browser(port, "en-US")) {
            browser.screenshotOnFailure(() -> {
                browser.logIn("tasklist", "zhangwei", DemoIdentity.PASSWORD);
                browser.waitForText("Start process");
                browser.screenshot("15-tasklist-in-english");
                assertThat(browser.text()).contains("Create task").doesNotContain("启动流程");
            });
        }
    }

    private void walkThrough(Browser browser, long electionId, String code, String processInstanceId) {
        HandbookDriver.Run run = new HandbookDriver.Run(SILENT, electionId, code, false);
        // the organization department's user signs in to Tasklist, in Chinese, and sees step 1
        browser.open("/camunda/app/tasklist/default/");
        browser.visible(By.cssSelector("input[ng-model=username]"));
        browser.screenshot("00-tasklist-login");
        browser.logIn("tasklist", "zhangwei", DemoIdentity.PASSWORD);
        browser.waitForText("登记代表名额和结构要求");
        browser.screenshot("01-tasklist-zhangwei");
        assertThat(browser.text()).contains("我所在组的任务", "我的任务", "全部选举任务", "张伟")
                .doesNotContain("伟 张", "My Tasks");

        // claims it, fills and submits its form
        browser.openTask("登记代表名额和结构要求");
        browser.claim();
        browser.waitForText("尚无检查结果");
        type(browser, "代表名额", new HandbookElection().unit().seats());
        browser.screenshot("02-step1-form");
        browser.complete();

        // the next step opens for the organization department, and only for it
        browser.waitForText("制定实施方案并分配推荐名额");
        browser.screenshot("03-step2-appears");
        assertThat(candidateGroups("draftImplementationPlan")).containsExactly("org-dept");

        // steps 2 to 4 as the plan decides them; then every recommending unit has its step 5
        driver.advanceTo(run, "branchRecommendation");
        // the form shows the branch tallies 东川市 uploaded before
        browser.logIn("tasklist", "wuhao", DemoIdentity.PASSWORD);
        browser.openTask("汇总党支部推荐情况");
        browser.claim();
        browser.waitForText("参加推荐");
        browser.screenshot("04-step5-form-wuhao-city01");
        browser.complete();
        browser.waitForText("基层党委遴选并上报");
        browser.screenshot("05-step6-appears-for-city01");
        assertThat(browser.text()).contains("吴浩").doesNotContain("登记代表名额", "制定实施方案");
        assertThat(candidateGroups("grassrootsSelection")).containsExactly("ru-city01");

        // 西岭市 (ru-city02) has its own step 5 and does not see 东川市's step 6
        browser.logIn("tasklist", "xulei", DemoIdentity.PASSWORD);
        browser.waitForText("汇总党支部推荐情况");
        browser.screenshot("06-tasklist-xulei-city02");
        assertThat(browser.text()).contains("徐磊").doesNotContain("基层党委遴选并上报");

        // 东川市 records its grassroots selection (step 6) ...
        Task grassroots = taskService.createTaskQuery().taskDefinitionKey("grassrootsSelection").singleResult();
        formService.submitTaskForm(grassroots.getId(), Map.of("completedOn", LocalDate.now().toString(),
                "note", "基层党委已遴选并上报。"));
        // 东川市's party committee decides its nominees: ticking everyone exceeds its quota, the check fails and
        // the task comes back with the report at the top of its form
        browser.logIn("tasklist", "wuhao", DemoIdentity.PASSWORD);
        browser.openTask("推荐单位党委确定推荐人选");
        browser.claim();
        browser.visible(By.cssSelector(".fjs-form-field-checklist input[type=checkbox]"));
        browser.tickAll(By.cssSelector(".fjs-form-field-checklist input[type=checkbox]"));
        browser.screenshot("07-step7-form-all-ticked");
        browser.complete();
        browser.openTask("推荐单位党委确定推荐人选");
        browser.waitForText("本单位推荐人选检查：未通过");
        browser.scrollTo("结构比例检查结果");
        browser.screenshot("08-step7-failed-report");
        assertThat(browser.text()).contains("✘", "本单位推荐人选不超过本单位名额");

        // the procedure goes on to step 16, where the standing committee first proposes a preliminary list with too
        // few women (the handbook plan's showcase): the check fails and the task comes back to the committee
        driver.advanceTo(new HandbookDriver.Run(SILENT, electionId, code, true), "proposePreliminaryList");
        Task proposal = taskService.createTaskQuery().processInstanceBusinessKey(code)
                .taskDefinitionKey("proposePreliminaryList").singleResult();
        formService.submitTaskForm(proposal.getId(), Map.of("selectedCandidateIds",
                Variables.objectValue(new ArrayList<>(PLAN.failingPreliminaryProposal()))
                        .serializationDataFormat("application/json").create()));
        browser.logIn("tasklist", "wangjun", DemoIdentity.PASSWORD);
        browser.openTask("常委会提出代表候选人初步人选");
        browser.waitForText("初步人选结构检查：未通过");
        browser.scrollTo("结构比例检查结果");
        browser.screenshot("09-step16-failed-report");
        assertThat(browser.text()).contains("王军", "✘ 女性比例高于本单位党员中女性比例");
        // the documents the committee decides with, linked from the form
        browser.scrollTo("文件下载");
        browser.screenshot("09a-step16-documents");

        // Cockpit: the election's instance with its current activity, and the quota view
        browser.logIn("cockpit", "zhangwei", DemoIdentity.PASSWORD);
        browser.open("/camunda/app/cockpit/default/#/process-instance/" + processInstanceId + "/runtime");
        WebElement badge = browser.visible(By.cssSelector(
                ".djs-overlays[data-container-id=proposePreliminaryList] .badge"));
        assertThat(badge.getText()).isEqualTo("1");
        WebElement activity = browser.clickable(By.cssSelector("[data-element-id=proposePreliminaryList]"));
        activity.click();
        browser.visible(By.cssSelector("[data-element-id=proposePreliminaryList].highlight"));
        // zoom in on it as a user does: Ctrl and the mouse wheel over the activity
        Actions zoomIn = new Actions(browser.driver()).keyDown(Keys.CONTROL);
        for (int i = 0; i < 8; i++) {
            zoomIn.scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(activity), 0, -400);
        }
        zoomIn.keyUp(Keys.CONTROL).perform();
        browser.screenshot("10-cockpit-instance");
        assertThat(browser.text()).contains("变量", "用户任务", "名额结构");

        browser.click(By.xpath("//a[normalize-space(.)='名额结构']"));
        browser.driver().manage().window().setSize(new Dimension(Browser.WINDOW.width, 1800));
        browser.waitForText("最近一次检查");
        browser.visible(By.cssSelector("svg.election-quota-chart g[data-figure=women] rect.actual"));
        assertThat(browser.driver().findElements(By.cssSelector(
                "svg.election-quota-chart g[data-figure=women] line.requirement"))).hasSize(1);
        browser.screenshot("11-cockpit-quota-view");
        assertThat(browser.text()).contains("初步人选结构检查——未通过", "初步人选结构（共 "
                + PLAN.failingPreliminaryProposal().size() + " 名）与要求对照");
        assertThat(browser.driver().findElements(By.cssSelector("tr.danger[data-rule=womenShare]"))).hasSize(1);

        // the audit trail of the instance: who completed which step, from the engine's user operation log
        browser.click(By.xpath("//a[normalize-space(.)='审计记录']"));
        browser.visible(By.cssSelector(".election-audit tr[data-operation=Complete]"));
        browser.visible(By.cssSelector(".election-registry tr[data-change=CREATED]"));
        browser.screenshot("12-cockpit-audit-log");
        assertThat(browser.text()).contains("常委会提出代表候选人初步人选", "wangjun", "完成", "认领", "人选库变更记录");
        assertThat(browser.driver().findElement(By.cssSelector(".election-integrity")).getText())
                .startsWith("校验链完整：共 ");

        // the start page's working-day calendar: the organization department enters 2027 (the test fixture: the
        // State Council had not published it) and sees it listed as entered by zhangwei
        browser.open("/camunda/app/cockpit/default/#/dashboard");
        browser.waitForText("工作日历（党内公示的工作日）");
        browser.fill(By.cssSelector(".election-calendar-form input[name=year]"), "2027");
        browser.fill(By.cssSelector(".election-calendar-form textarea[name=calendar]"), year2027());
        browser.click(By.cssSelector(".election-calendar-form button[name=save]"));
        browser.waitForText("已保存2027年");
        browser.visible(By.cssSelector(".election-calendar tr[data-year='2027']"));
        browser.scrollTo("已保存2027年");
        browser.screenshot("12a-cockpit-calendar");
        assertThat(browser.text()).contains("录入：zhangwei", "随程序提供");

        // Admin and the welcome page in Chinese too
        browser.driver().manage().window().setSize(Browser.WINDOW);
        browser.open("/camunda/app/admin/default/#/users");
        browser.waitForText("张伟");
        browser.screenshot("13-admin-users");
        assertThat(browser.text()).contains("用户", "授权");
        browser.open("/camunda/app/welcome/default/");
        browser.waitForText("张伟");
        browser.screenshot("14-welcome");

        // on to the vote at the congress (the notice published on 2022-04-01, inside the calendar's years): the
        // secretariat's form of step 23 shows this round's ballot and takes the ballots one line each
        driver.advanceTo(new HandbookDriver.Run(SILENT, electionId, code, false, LocalDate.of(2022, 4, 1)),
                "ballotAndCount");
        browser.logIn("tasklist", "huangli", DemoIdentity.PASSWORD);
        browser.openTask("无记名投票并计票");
        browser.claim();
        browser.scrollTo("本轮选票");
        browser.screenshot("16-step23-ballot-form");
        browser.scrollTo("选票（逐张录入）");
        browser.screenshot("17-step23-ballots-text");
        assertThat(browser.text()).contains("黄丽", "应到会选举人数");
    }

    /** The test fixture of 2027 (not the State Council's notice, which had not been published). */
    private static String year2027() {
        try (var in = WebappsBrowserTest.class.getResourceAsStream("/test-calendar/cn-2027.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void type(Browser browser, String label, int value) {
        browser.visible(By.xpath(field(label)));
        browser.fill(By.xpath(field(label)), String.valueOf(value));
    }

    private static String field(String label) {
        return "//label[contains(@class,'fjs-form-field-label')][normalize-space(.)='" + label + "*']"
                + "/following::input[1]";
    }

    private List<String> candidateGroups(String taskKey) {
        Task task = taskService.createTaskQuery().taskDefinitionKey(taskKey).singleResult();
        return taskService.getIdentityLinksForTask(task.getId()).stream().map(IdentityLink::getGroupId).toList();
    }
}

package org.delegateelection.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.Task;
import org.delegateelection.process.TestElections;
import org.delegateelection.security.Http;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Admin in production, in the system's headless Chromium with a Chinese browser: without the demo profile, the
 * administrator of {@code ADMIN_USER} signs in to Admin, creates a user with a password that meets the policy and
 * puts it in the standing committee's group through Admin's pages; that user then signs in to Tasklist, finds the
 * committee's task in "我所在组的任务" and completes it. Screenshots go to {@code target/screenshots/admin-*.png}.
 * Admin asks for the given name (名字) and the family name (姓) apart, both required, and the webapps show them in
 * that order ("伟 钱"); users imported by file carry the whole name as given name ("钱伟").
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:admin-browser;DB_CLOSE_DELAY=-1")
@Tag("browser")
class AdminBrowserTest {

    private static final String CODE = "admin-browser";
    private static final String USER = "qianwei";
    private static final String PASSWORD = "Qian-Wei-2027!";

    @LocalServerPort
    private int port;
    @Value("${ADMIN_USER}")
    private String admin;
    @Value("${ADMIN_PASSWORD}")
    private String adminPassword;
    @Autowired
    private TestElections elections;
    @Autowired
    private TaskService taskService;
    @Autowired
    private FormService formService;
    @Autowired
    private HistoryService historyService;

    @Test
    void theAdministratorMakesACommitteeMemberInAdminWhoThenDecidesInTasklist() {
        // an election waiting for the standing committee's approval of the plan (step 3): steps 1 and 2 as registered
        elections.start(CODE);
        for (String step : new String[] {"registerAllocation", "draftImplementationPlan"}) {
            formService.submitTaskForm(openTask(step).getId(), Map.of());
        }
        Task approval = openTask("approveImplementationPlan");

        try (Browser browser = new Browser(port, "zh-CN")) {
            browser.screenshotOnFailure(() -> {
                browser.logIn("admin", admin, adminPassword);
                assertThat(browser.visible(By.cssSelector("[cam-widget-header] .account")).getText())
                        .isEqualTo("系统管理员");
                createUser(browser);
                addToGroup(browser, "standing-committee");
                // and into the election's electoral unit (decision 0030), as the administrator's REST call
                assertThat(new Http(port, false).send("PUT", "/engine-rest/tenant/handbook-province/user-members/"
                        + USER, admin, adminPassword, null, null).statusCode()).isEqualTo(204);

                browser.logIn("tasklist", USER, PASSWORD);
                browser.waitForText("常委会审批实施方案");
                browser.screenshot("admin-05-tasklist-new-user");
                assertThat(browser.text()).contains("我所在组的任务");
                browser.openTask("常委会审批实施方案");
                browser.claim();
                browser.click(By.xpath("//label[normalize-space(.)='同意']"));
                browser.screenshot("admin-06-approval-form");
                browser.complete();
                browser.gone(By.xpath("//*[contains(@class,'tasks-list')]//a[contains(.,'常委会审批实施方案')]"));
                browser.screenshot("admin-07-task-done");
            });
        }

        HistoricTaskInstance done = historyService.createHistoricTaskInstanceQuery().taskId(approval.getId())
                .singleResult();
        assertThat(done.getEndTime()).isNotNull();
        assertThat(done.getAssignee()).isEqualTo(USER);
        assertThat(openTask("mobilizeAndEducate")).isNotNull();
    }

    /**
     * Admin → 用户 → 创建新用户: account, name, e-mail and a password that meets the policy; first with an account in
     * Chinese, which the engine refuses (it takes letters, digits and hyphens only).
     */
    private void createUser(Browser browser) {
        fillUserForm(browser, "钱伟");
        browser.click(By.cssSelector("button[ng-click='createUser()']"));
        browser.waitForText("创建用户失败");
        browser.screenshot("admin-01-create-user-refused");
        assertThat(browser.text()).contains("'钱伟'");
        // a new page, without the failure's notice over the dialogs to come
        browser.driver().navigate().refresh();
        fillUserForm(browser, USER);
        browser.screenshot("admin-01-create-user");
        browser.click(By.cssSelector("button[ng-click='createUser()']"));
        browser.visible(By.xpath("//td[contains(@class,'username')]/a[normalize-space(.)='" + USER + "']"));
        browser.screenshot("admin-02-users");
    }

    private static void fillUserForm(Browser browser, String account) {
        browser.open("/camunda/app/admin/default/#/user-create");
        browser.fill(By.id("inputUserId"), account);
        browser.fill(By.cssSelector("[cam-widget-password] input[type=password]"), PASSWORD);
        browser.fill(By.id("inputPasswordRepeat"), PASSWORD);
        browser.fill(By.id("inputFirstname"), "伟");
        browser.fill(By.id("inputLastname"), "钱");
        browser.fill(By.id("inputEmail"), "qianwei@example.org");
    }

    /** Admin → the user → 分组 → 添加到分组: ticks the group in the dialog and adds it. */
    private void addToGroup(Browser browser, String groupId) {
        browser.open("/camunda/app/admin/default/#/users/" + USER + "?tab=groups");
        browser.click(By.cssSelector("a[ng-click='openCreateGroupMembershipDialog()']"));
        // ticked again while the dialog slides in
        browser.tickAll(By.xpath("//tr[td[contains(@class,'group-id')]/a[normalize-space(.)='" + groupId + "']]"
                + "//input[@type='checkbox']"));
        browser.screenshot("admin-03-add-to-group");
        browser.click(By.cssSelector("button[ng-click='createGroupMemberships()']"));
        browser.click(By.cssSelector("button[ng-click='close(status)']"));
        browser.visible(By.xpath("//td[contains(@class,'group-name')][normalize-space(.)='常委会']"));
        // the group's own page lists its new member
        browser.open("/camunda/app/admin/default/#/groups/" + groupId + "?tab=users");
        browser.visible(By.xpath("//a[normalize-space(.)='" + USER + "']"));
        browser.screenshot("admin-04-group-members");
        assertThat(browser.text()).doesNotContain("无权访问");
    }

    private Task openTask(String key) {
        return taskService.createTaskQuery().processInstanceBusinessKey(CODE).taskDefinitionKey(key).singleResult();
    }
}

package org.delegateelection.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.delegateelection.EngineClock;
import org.delegateelection.ProcessTest;
import org.delegateelection.demo.DemoIdentity;
import org.delegateelection.demo.HandbookDriver;
import org.delegateelection.demo.NationalSeeder;
import org.delegateelection.security.Http;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Cockpit's page 全国代表选举 in the system's headless Chromium with a Chinese browser, on the demo's national
 * procedure of the 20th Congress (38 units, the shared context): the Central Organization Department opens it from
 * the header and sees every unit with its step, the days to the deadline and its latest quota check, and the
 * national composition charted against the Centre's requirements, after one unit (台湾省籍) has been driven to its
 * end; a unit's organization department is refused by the server and shown so. Screenshots
 * {@code target/screenshots/18-cockpit-national*.png}, copied into the user guide.
 */
@ProcessTest
@Tag("browser")
class NationalCockpitBrowserTest {

    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());
    private static final String PAGE = "/camunda/app/cockpit/default/#/national-elections?code=" + NationalSeeder.CODE;

    @RegisterExtension
    final EngineClock clock = EngineClock.runningFrom(LocalDate.of(2022, 3, 1));

    @LocalServerPort
    private int port;
    @Autowired
    private HandbookDriver driver;

    @Test
    void theCentralOrganizationDepartmentSeesEveryUnitAndTheNationalComposition() {
        driver.driveUnit(SILENT, "taiwan", LocalDate.of(2022, 4, 1));
        // the page on a Monday six and a half weeks before the Centre's deadline of 30 June 2022
        clock.set(LocalDateTime.of(2022, 5, 16, 9, 0).atZone(EngineClock.ZONE).toInstant());

        try (Browser browser = new Browser(port, "zh-CN")) {
            browser.screenshotOnFailure(() -> {
                browser.logIn("cockpit", "yangfan", DemoIdentity.PASSWORD);
                browser.click(By.xpath("//a[normalize-space(.)='全国代表选举']"));
                browser.visible(By.cssSelector(".election-national h2"));
                browser.open(PAGE);
                browser.driver().manage().window().setSize(new Dimension(Browser.WINDOW.width, 1700));
                browser.visible(By.cssSelector(".election-national-units tr[data-unit=xizang]"));
                assertThat(browser.driver().findElements(By.cssSelector(".election-national-units tbody tr")))
                        .hasSize(38);
                assertThat(browser.text()).contains("中国共产党第二十次全国代表大会（cpc20）", "代表名额 2300 名");
                assertThat(row(browser, "xizang")).isEqualTo("西藏自治区 省区市 18 第1阶段 部署启动 第1步 登记代表名额和结构要求 "
                        + "45 天 尚未检查");
                assertThat(row(browser, "taiwan")).isEqualTo("台湾省籍 港澳台 13 — 已完成 已上报 ✔ 通过（当选代表结构检查）");
                ((JavascriptExecutor) browser.driver()).executeScript(
                        "document.querySelector('.election-national').scrollIntoView({block: 'start'})");
                browser.screenshot("18-cockpit-national");

                // the chart below the table, in view first (in a full database it lies past the window's lower edge)
                browser.scrollTo("全国当选代表构成与中央结构要求");
                browser.visible(By.cssSelector("svg.election-national-chart, .election-national-no-chart"));
                assertThat(browser.driver().findElements(By.cssSelector(".election-national-no-chart")))
                        .as(browser.driver().findElement(By.cssSelector(".election-national-composition")).getText())
                        .isEmpty();
                assertThat(browser.driver().findElement(By.cssSelector("svg.election-national-chart")).getText())
                        .contains("全国当选代表结构情况", "生产和工作第一线", "55岁以下");
                assertThat(browser.driver().findElement(By.cssSelector(".election-national-missing")).getText())
                        .contains("55岁以下代表不少于一半：");
                browser.screenshot("18a-cockpit-national-composition");

                // a unit's organization department: Cockpit opens, the server refuses the national view
                browser.driver().manage().window().setSize(Browser.WINDOW);
                browser.logIn("cockpit", "xizang-org-dept", DemoIdentity.PASSWORD);
                browser.open(PAGE);
                browser.visible(By.cssSelector(".election-national-refused"));
                assertThat(browser.text()).doesNotContain("西藏自治区 省区市", "全国当选代表构成");
                browser.screenshot("18b-cockpit-national-refused");
            });
        }
        Http http = new Http(port, false);
        assertThat(http.json("GET", "/api/national/elections/" + NationalSeeder.CODE, "xizang-org-dept",
                DemoIdentity.PASSWORD, null).statusCode()).isEqualTo(403);
        assertThat(http.json("GET", "/api/national/documents/composition.svg", "xizang-org-dept",
                DemoIdentity.PASSWORD, null).statusCode()).isEqualTo(403);
    }

    /** The cells of a unit's row as shown, joined by spaces. */
    private static String row(Browser browser, String code) {
        WebElement row = browser.driver().findElement(By.cssSelector(".election-national-units tr[data-unit=" + code
                + "]"));
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'})", row);
        return row.getText().replaceAll("\\s+", " ");
    }
}

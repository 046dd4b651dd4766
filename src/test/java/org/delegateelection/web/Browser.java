package org.delegateelection.web;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The system's Chromium, headless, driven by its chromedriver (Debian packages {@code chromium} and
 * {@code chromium-driver}; other locations through {@code -Dbrowser.binary} and {@code -Dbrowser.driver}) in a
 * given browser language. Nothing is downloaded: Selenium Manager is not asked for a driver.
 * Screenshots go to {@code target/screenshots/}; the user guide ({@code docs/user-guide/images/}) holds copies.
 */
final class Browser implements AutoCloseable {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** The window's size: the screenshots, copied into the user guide, are taken at it. */
    static final Dimension WINDOW = new Dimension(1400, 1000);

    private final ChromeDriver driver;
    private final String baseUrl;

    /**
     * Starts a browser for the application at {@code http://localhost:port} whose language is {@code language}, e.g.
     * "zh-CN".
     */
    Browser(int port, String language) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("browser.binary", "/usr/bin/chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--lang=" + language, "--window-size=" + WINDOW.width + "," + WINDOW.height);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("browser.driver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(WINDOW);
        baseUrl = "http://localhost:" + port;
    }

    WebDriver driver() {
        return driver;
    }

    /** Opens a path of the application, e.g. "/camunda/app/tasklist/". */
    void open(String path) {
        driver.get(baseUrl + path);
    }

    /** The element, once visible (waits up to 30 s). */
    WebElement visible(By by) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** The element, once clickable (waits up to 30 s). */
    WebElement clickable(By by) {
        return waiting().until(ExpectedConditions.elementToBeClickable(by));
    }

    /** Clicks the element once clickable, scrolled to the middle of the window first. */
    void click(By by) {
        WebElement element = clickable(by);
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    /**
     * Types {@code value} into the input, replacing what it holds, and types it again until the input holds it (a
     * form re-rendered while typing loses keys); waits up to 30 s.
     */
    void fill(By by, String value) {
        waiting().ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement input = d.findElement(by);
            if (!value.equals(input.getDomProperty("value"))) {
                input.sendKeys(Keys.chord(Keys.CONTROL, "a"), value);
            }
            return value.equals(input.getDomProperty("value"));
        });
    }

    /**
     * Ticks every checkbox the locator finds, again where a re-rendered form dropped a tick, until all are ticked;
     * waits up to 30 s.
     */
    void tickAll(By checkboxes) {
        waiting()
                .ignoring(StaleElementReferenceException.class).ignoring(ElementClickInterceptedException.class)
                .until(d -> {
                    List<WebElement> boxes = d.findElements(checkboxes);
                    for (WebElement box : boxes) {
                        if (!box.isSelected()) {
                            driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", box);
                            box.click();
                        }
                    }
                    return !boxes.isEmpty() && boxes.stream().allMatch(WebElement::isSelected);
                });
    }

    /** Waits up to 30 s until the element is gone or hidden. */
    void gone(By by) {
        waiting().until(ExpectedConditions.invisibilityOfElementLocated(by));
    }

    /** Waits up to 30 s until the page's text contains {@code text}. */
    void waitForText(String text) {
        waiting()
                .until(d -> d.findElement(By.tagName("body")).getText().contains(text));
    }

    /**
     * A wait of up to 30 s that checks its condition every 100 ms (Selenium's default, 500 ms, left the page idle
     * for a quarter of a second on average after each step of a walkthrough).
     */
    private WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(100));
    }

    /** The visible text of the page. */
    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Writes the window as {@code target/screenshots/<name>.png}. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Scrolls the first element whose text contains {@code text} to the top of the window (waits up to 30 s). */
    void scrollTo(String text) {
        WebElement element = visible(By.xpath("//*[contains(text(),'" + text + "')]"));
        driver.executeScript("arguments[0].scrollIntoView({block: 'start'})", element);
    }

    /** Removes the screenshots of an earlier run. */
    static void clearScreenshots() {
        try (Stream<Path> old = Files.exists(SCREENSHOTS) ? Files.list(SCREENSHOTS) : Stream.empty()) {
            for (Path file : old.filter(f -> f.toString().endsWith(".png")).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signs in to a webapp ("tasklist", "cockpit", "admin") as {@code user}, after signing out whoever was in. */
    void logIn(String app, String user, String password) {
        driver.manage().deleteAllCookies();
        open("/camunda/app/" + app + "/default/");
        By name = By.cssSelector("input[ng-model=username]");
        visible(name);
        // the page may still move the focus to the user name while it renders: typed until both fields hold theirs
        waiting().until(d -> {
            fill(name, user);
            fill(By.cssSelector("input[type=password]"), password);
            return user.equals(d.findElement(name).getDomProperty("value"));
        });
        driver.findElement(By.cssSelector("form[name=signinForm] button[type=submit]")).click();
        visible(By.cssSelector("[cam-widget-header] .account, .Header .account"));
    }

    /** In Tasklist: opens the task of this name from the list and waits for its form. */
    void openTask(String name) {
        clickable(By.xpath("//*[contains(@class,'tasks-list')]//a[contains(.,'" + name + "')]")).click();
        visible(By.cssSelector(".fjs-form"));
    }

    /** In Tasklist: claims the open task and waits for the form of the claimed task. */
    void claim() {
        click(By.cssSelector("button.claim"));
        gone(By.cssSelector("button.claim"));
        visible(By.cssSelector(".fjs-form"));
    }

    /** In Tasklist: submits the open task's form (完成). */
    void complete() {
        click(By.xpath("//button[@ng-click='complete()']"));
    }

    /** Runs the steps; when one fails, the window at that moment is written as {@code failed.png} first. */
    void screenshotOnFailure(Runnable steps) {
        try {
            steps.run();
        } catch (RuntimeException | AssertionError e) {
            screenshot("failed");
            throw e;
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}

package org.delegateelection.demo;

import java.time.LocalDate;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Profile {@code drive} (with {@code demo}): once the application has started, drives the handbook election through
 * all 25 steps with {@link HandbookDriver}, printing each step, then shuts the application down.
 */
@Component
@Profile("drive")
public class DriveCommand implements ApplicationRunner {

    private final HandbookDriver driver;
    private final ApplicationContext context;
    private final LocalDate noticeDate;

    /** {@code driver.notice-date} (yyyy-MM-dd, optional): the day the public notice is published; today if unset. */
    public DriveCommand(HandbookDriver driver, ApplicationContext context,
            @Value("${driver.notice-date:#{null}}") LocalDate noticeDate) {
        this.driver = driver;
        this.context = context;
        this.noticeDate = noticeDate;
    }

    @Override
    public void run(ApplicationArguments args) {
        driver.drive(System.out, noticeDate);
        System.exit(SpringApplication.exit(context, () -> 0));
    }
}

package org.delegateelection.demo;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.delegateelection.national.SeatAllocation;
import org.delegateelection.report.NationalRollUp;
import org.delegateelection.report.NationalRollUpController;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Profile {@code drive} (with {@code demo}): once the application has started, drives the handbook election through
 * all 25 steps with {@link HandbookDriver}, printing each step, then shuts the application down. With
 * {@code driver.units} it drives instead the elections of those units of the national allocation (codes separated
 * by commas, or {@code all} for the 38), one after the other, printing each one's wall time, and at the end the
 * national roll-up of their confirmed delegates ({@link NationalRollUp}).
 */
@Component
@Profile("drive")
public class DriveCommand implements ApplicationRunner {

    private final HandbookDriver driver;
    private final HandbookSeeder seeder;
    private final NationalRollUpController rollUp;
    private final ApplicationContext context;
    private final LocalDate noticeDate;
    private final String units;

    /**
     * {@code driver.notice-date} (yyyy-MM-dd, optional): the day the public notice is published; today if unset.
     * {@code driver.units} (optional): the units to drive, e.g. {@code all} or {@code macau,pla}.
     */
    public DriveCommand(HandbookDriver driver, HandbookSeeder seeder, NationalRollUpController rollUp,
            ApplicationContext context, @Value("${driver.notice-date:#{null}}") LocalDate noticeDate,
            @Value("${driver.units:#{null}}") String units) {
        this.driver = driver;
        this.seeder = seeder;
        this.rollUp = rollUp;
        this.context = context;
        this.noticeDate = noticeDate;
        this.units = units;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (units == null) {
            driver.drive(System.out, noticeDate);
        } else {
            driveUnits(System.out);
        }
        System.exit(SpringApplication.exit(context, () -> 0));
    }

    private void driveUnits(PrintStream out) {
        List<String> codes = units.equals("all")
                ? seeder.national().allocation().rows().stream().map(SeatAllocation.Row::code).toList()
                : Arrays.stream(units.split(",")).map(String::strip).toList();
        long start = System.nanoTime();
        for (String code : codes) {
            long unitStart = System.nanoTime();
            if (code.equals(HandbookElection.CODE)) {
                driver.drive(out, noticeDate);
            } else {
                driver.driveUnit(out, code, noticeDate);
            }
            out.printf("== %s 用时 %.1f 秒%n%n", code, (System.nanoTime() - unitStart) / 1e9);
        }
        out.printf("== %d 个选举单位共用时 %.1f 秒%n", codes.size(), (System.nanoTime() - start) / 1e9);
        NationalRollUp national = rollUp.rollUp("confirmed", null);
        out.printf("== 全国汇总（资格确认的代表）：%d 个选举单位，%d 个已报，名额 %d 名%n", national.units(),
                national.unitsReported(), national.seats());
        out.println(national.composition().toText());
        national.missing().forEach((requirement, names) -> out.println(requirement + "："
                + (names.isEmpty() ? "各单位均符合" : "未达到的单位 " + String.join("、", names))));
    }
}

package org.delegateelection.calendar;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

/** Loads the working-day calendar from every calendar/cn-YYYY.yaml on the classpath, once, at start-up. */
@Configuration(proxyBeanMethods = false)
public class CalendarConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(CalendarConfiguration.class);

    /**
     * The calendar of all year files found ({@code classpath*:calendar/cn-*.yaml}).
     *
     * @throws CalendarDataException when a file is invalid or two files give the same year (start-up fails)
     * @throws IOException           when the classpath cannot be searched
     */
    @Bean
    public WorkingDayCalendar workingDayCalendar() throws IOException {
        List<URL> files = new ArrayList<>();
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:calendar/cn-*.yaml")) {
            files.add(resource.getURL());
        }
        WorkingDayCalendar calendar = WorkingDayCalendar.load(files);
        LOG.info("工作日历已加载，包含年份：{}", calendar.years());
        return calendar;
    }
}

package org.delegateelection.process;

import org.camunda.bpm.spring.boot.starter.annotation.EnableProcessApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.ZoneId;

/**
 * Makes the application a Camunda process application, which deploys the archive of META-INF/processes.xml
 * (diagrams and forms together). Kept apart from the application class so that web slice tests do not need the engine.
 */
@Configuration
@EnableProcessApplication
public class ProcessApplicationConfiguration {

    /** The engine's clock, in Asia/Shanghai, for the domain (e.g. the calendar's "today"). */
    @Bean
    Clock clock() {
        return new EngineTime(ZoneId.of("Asia/Shanghai"));
    }
}

package org.delegateelection;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * As {@link ProcessTest}, with the engine's history at level audit instead of full: for the tests that drive many
 * copies of the handbook election to the late steps. Audit holds everything they read (instances, activities,
 * variables) and a drive takes half the time. All classes so annotated share a second context, with the same rules:
 * an election of each test's own, queries by election or process instance.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:audit-history-process-test;DB_CLOSE_DELAY=-1",
                "camunda.bpm.history-level=audit"})
@ContextConfiguration(initializers = UploadLocation.class)
@ActiveProfiles("demo")
public @interface AuditHistoryProcessTest {
}

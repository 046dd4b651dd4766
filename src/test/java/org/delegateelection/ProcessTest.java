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
 * A test of the whole application as it runs in production (history level full), with the demo users, the seeded
 * handbook election and the demo's national procedure of 38 units, on a random port. The 37 units besides the
 * handbook province are registered without their branch tallies, which the driver stores when it drives a unit
 * ({@code delegate-election.demo.unit-tallies=on-drive}): a million rows no test reads would slow every query and
 * every check that the database is unchanged. Every class so annotated shares
 * one Spring context, started once per run: one engine, one in-memory database (one PostgreSQL database in the
 * PostgreSQL pass). A test therefore works on an election of its own, started under a code no other test uses, and
 * queries by that election or its process instance; it leaves the seeded elections alone, and counts as a difference
 * before and after.
 *
 * <p>Multipart uploads are configured to go to {@link UploadLocation#DIRECTORY}, where nothing may ever be written.
 * Tests that need other settings (another profile, a file database, other limits, the job executor) keep a context of
 * their own with {@code @DirtiesContext}; {@link ContextOrder} runs them before the shared contexts.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:process-test;DB_CLOSE_DELAY=-1",
                "delegate-election.demo.national=true", "delegate-election.demo.unit-tallies=on-drive"})
@ContextConfiguration(initializers = UploadLocation.class)
@ActiveProfiles("demo")
public @interface ProcessTest {
}

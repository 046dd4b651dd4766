package org.delegateelection.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.User;
import org.delegateelection.DelegateElectionApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Start-up outside the demo profile, on a database in a file that outlives each start: the administrator comes from
 * {@code ADMIN_USER} and {@code ADMIN_PASSWORD} once; the application refuses to start while a demo user exists or a
 * user has a default password. Several applications one after the other, so no {@code @SpringBootTest}.
 */
class ProductionStartTest {

    private final String url = "jdbc:h2:file:" + Path.of("target", "production-start-test",
            UUID.randomUUID().toString(), "delegate-election").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";

    @Test
    void createsTheAdministratorOnceFromTheEnvironmentAndRefusesDefaultCredentials() {
        try (ConfigurableApplicationContext first = start(null, "--ADMIN_USER=chief",
                "--ADMIN_PASSWORD=Xuan-ju-2027!")) {
            IdentityService identity = first.getBean(IdentityService.class);
            assertThat(identity.checkPassword("chief", "Xuan-ju-2027!")).isTrue();
            assertThat(identity.createGroupQuery().groupMember("chief").list()).extracting(g -> g.getId())
                    .containsExactlyInAnyOrder(Groups.CAMUNDA_ADMIN, AccessRules.ORG_DEPT);
            // the engine stores a salted hash, never the password
            User chief = identity.createUserQuery().userId("chief").singleResult();
            assertThat(((org.camunda.bpm.engine.impl.persistence.entity.UserEntity) chief).getPassword())
                    .doesNotContain("Xuan-ju").startsWith("{SHA-512}");
            identity.saveUser(withPassword(identity.newUser("clerk"), "demo"));
        }

        assertThatThrownBy(() -> start(null)).hasStackTraceContaining("clerk（默认密码）");

        // the demo profile creates its users; a production start afterwards refuses them
        start("demo").close();
        assertThatThrownBy(() -> start(null)).hasStackTraceContaining("zhangwei（演示用户）")
                .hasStackTraceContaining("拒绝启动");
    }

    @Test
    void refusesAnAdministratorWithADefaultPassword() {
        assertThatThrownBy(() -> start(null, "--ADMIN_USER=chief", "--ADMIN_PASSWORD=admin"))
                .hasStackTraceContaining("ADMIN_PASSWORD");
    }

    private static User withPassword(User user, String password) {
        user.setPassword(password);
        return user;
    }

    private ConfigurableApplicationContext start(String profile, String... arguments) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(DelegateElectionApplication.class);
        if (profile != null) {
            builder.profiles(profile);
        }
        String[] all = new String[arguments.length + 3];
        all[0] = "--spring.datasource.url=" + url;
        all[1] = "--server.port=0";
        all[2] = "--camunda.bpm.job-execution.enabled=false";
        System.arraycopy(arguments, 0, all, 3, arguments.length);
        return builder.run(all);
    }
}

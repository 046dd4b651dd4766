package org.delegateelection.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import java.net.http.HttpResponse;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.delegateelection.DelegateElectionApplication;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Start-up outside the demo profile, on a database in a file that outlives each start: the administrator comes from
 * {@code ADMIN_USER} and {@code ADMIN_PASSWORD}, once; the application refuses to start — its process ends with an
 * error — while a demo user exists or a user has a default password, or when the administrator's password is a
 * default one. The refused starts run in a JVM of their own, as an operator would start the application.
 */
@Tag("embedded")
class ProductionStartTest {

    private final Path directory = Path.of("target", "production-start-test", UUID.randomUUID().toString());
    private final String url = "jdbc:h2:file:" + directory.resolve("delegate-election").toAbsolutePath()
            + ";DB_CLOSE_ON_EXIT=FALSE";

    @Test
    void createsTheAdministratorOnceFromTheEnvironmentAndRefusesDemoUsersAndDefaultPasswords() throws Exception {
        try (ConfigurableApplicationContext first = new SpringApplicationBuilder(DelegateElectionApplication.class)
                .run(arguments("--ADMIN_USER=chief", "--ADMIN_PASSWORD=Xuan-ju-2027!").toArray(String[]::new))) {
            IdentityService identity = first.getBean(IdentityService.class);
            assertThat(identity.checkPassword("chief", "Xuan-ju-2027!")).isTrue();
            assertThat(identity.createGroupQuery().groupMember("chief").list()).extracting(Group::getId)
                    .containsExactlyInAnyOrder(Groups.CAMUNDA_ADMIN, AccessRules.ORG_DEPT);
            // the engine stores a salted hash, never the password
            UserEntity chief = (UserEntity) identity.createUserQuery().userId("chief").singleResult();
            assertThat(chief.getPassword()).doesNotContain("Xuan-ju").startsWith("{SHA-512}");
            assertThat(chief.getSalt()).isNotBlank();
            // nobody makes himself administrator on Camunda's first-user setup
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            List<Map<String, Object>> before = identities(jdbc);
            HttpResponse<String> setup = new Http(Integer.parseInt(first.getEnvironment()
                    .getProperty("local.server.port")), false).json("POST",
                    "/camunda/api/admin/setup/default/user/create", null, null,
                    "{\"profile\": {\"id\": \"intruder\", \"firstName\": \"x\", \"lastName\": \"y\"}, "
                            + "\"credentials\": {\"password\": \"Intruder-2027!\"}}");
            assertThat(setup.statusCode()).isIn(403, 404);
            assertThat(identities(jdbc)).isEqualTo(before);
            // the password policy refuses a default password; a user made past it (an older version, the database)
            // must still stop the start
            assertThatThrownBy(() -> identity.saveUser(withPassword(identity.newUser("clerk"), "demo")))
                    .hasMessageContaining("policy");
            ((IdentityServiceImpl) identity).saveUser(withPassword(identity.newUser("clerk"), "demo"), true);
            // a user the demo profile made (marked so by it), whatever its password now, stops the start; a real
            // person whose login happens to be a demo user's (张伟 is a common name) does not
            identity.saveUser(withPassword(identity.newUser("zhangwei"), "Another-2027!"));
            identity.setUserInfo("zhangwei", ProductionIdentity.DEMO_USER_INFO, "true");
            identity.saveUser(withPassword(identity.newUser("wangjun"), "Wang-Jun-2027!"));
        }

        String refused = startAlone();
        assertThat(refused).contains("拒绝启动", "clerk（默认密码）", "zhangwei（演示用户）")
                .doesNotContain("chief（").doesNotContain("wangjun（");
    }

    @Test
    void refusesToStartWithoutAnAdministrator() throws Exception {
        assertThat(startAlone("--ADMIN_USER=")).contains("拒绝启动", "尚无系统管理员", "ADMIN_USER", "ADMIN_PASSWORD");
    }

    @Test
    void refusesToCreateAnAdministratorWithADefaultPassword() throws Exception {
        assertThat(startAlone("--ADMIN_USER=chief", "--ADMIN_PASSWORD=admin")).contains("拒绝启动", "ADMIN_PASSWORD");
    }

    @Test
    void refusesToCreateAnAdministratorWithAPasswordThePolicyRefuses() throws Exception {
        assertThat(startAlone("--ADMIN_USER=chief", "--ADMIN_PASSWORD=Chief2027abc"))
                .contains("拒绝启动：ADMIN_PASSWORD 不符合密码策略（不得包含账号、姓名或电子邮箱；至少 1 个特殊字符）");
    }

    /** Starts the application in a new JVM, expects it to end with an error, and returns what it printed. */
    private String startAlone(String... extra) throws IOException, InterruptedException {
        // quick to start on two shared cores: the first compiler only
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                DelegateElectionApplication.class.getName()));
        command.addAll(arguments(extra));
        Files.createDirectories(directory);
        File output = directory.resolve("start-" + UUID.randomUUID() + ".log").toFile();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the application did not stop within 5 minutes");
        }
        assertThat(process.exitValue()).isNotZero();
        return Files.readString(output.toPath(), StandardCharsets.UTF_8);
    }

    private List<String> arguments(String... extra) {
        List<String> arguments = new ArrayList<>(List.of("--spring.datasource.url=" + url, "--server.port=0",
                "--camunda.bpm.job-execution.enabled=false"));
        arguments.addAll(List.of(extra));
        return arguments;
    }

    /** The users, memberships and authorizations, row by row. */
    private static List<Map<String, Object>> identities(JdbcClient jdbc) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String table : List.of("act_id_user order by id_", "act_id_membership order by user_id_, group_id_",
                "act_ru_authorization order by id_")) {
            rows.addAll(jdbc.sql("select * from " + table).query().listOfRows());
        }
        return rows;
    }

    private static User withPassword(User user, String password) {
        user.setPassword(password);
        return user;
    }
}

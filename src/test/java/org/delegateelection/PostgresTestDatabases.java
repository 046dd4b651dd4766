package org.delegateelection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Test support: run with {@code -Dtest.database=postgres}, every Spring test context that would use an in-memory H2
 * database gets a fresh PostgreSQL database of its own instead (named after the H2 one, e.g. {@code test_election_api_…}),
 * on the server of {@code TEST_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/}, user {@code postgres}).
 * A file H2 database (the restart test's embedded default) is left as it is.
 */
public class PostgresTestDatabases implements EnvironmentPostProcessor {

    private static final String H2_MEMORY = "jdbc:h2:mem:";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String url = environment.getProperty("spring.datasource.url");
        if (!"postgres".equals(System.getProperty("test.database")) || url == null || !url.startsWith(H2_MEMORY)) {
            return;
        }
        String server = System.getenv().getOrDefault("TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/");
        String name = "test_" + url.substring(H2_MEMORY.length()).replaceAll("[^A-Za-z0-9]+", "_")
                .replaceAll("_+DB_CLOSE_DELAY.*", "").toLowerCase(Locale.ROOT) + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        try (Connection connection = DriverManager.getConnection(server + "postgres", "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("无法在 " + server + " 上创建测试数据库 " + name, e);
        }
        environment.getPropertySources().addFirst(new MapPropertySource("postgresTestDatabase", Map.of(
                "spring.datasource.url", server + name,
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "")));
    }
}

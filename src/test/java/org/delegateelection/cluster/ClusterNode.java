package org.delegateelection.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.delegateelection.DelegateElectionApplication;

/**
 * One application node in a JVM of its own, as an operator runs it: for the cluster, profiles {@code postgres,demo}
 * on the given PostgreSQL database, its own HTTP port, the job executor on; or with arguments of the caller's in a
 * working directory of its own. Started with the class path of the current JVM (the application and the test support
 * such as {@link NodeClock}); its output goes to {@code target/cluster/<name>.log}.
 */
public final class ClusterNode implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final int port;
    private final Process process;

    private ClusterNode(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts a cluster node and waits until {@code /actuator/health} answers UP.
     *
     * @param name     the node's name, for its log file
     * @param jdbcUrl  the PostgreSQL database (user {@code postgres}, no password)
     * @param jvmOptions options of the node's JVM, e.g. {@code -Xmx512m}
     * @param settings further application arguments ({@code --key=value})
     * @throws IllegalStateException when the node has not come up within 10 minutes (it is stopped then)
     */
    public static ClusterNode start(String name, String jdbcUrl, List<String> jvmOptions, List<String> settings)
            throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=postgres,demo",
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--camunda.bpm.job-execution.enabled=true"));
        arguments.addAll(settings);
        return start(name, Path.of("."), jvmOptions, arguments);
    }

    /**
     * Starts the application in {@code directory} (its working directory, where relative paths such as the embedded
     * database's {@code ./data} lie) on a free port of its own, and waits until {@code /actuator/health} answers UP.
     *
     * @param arguments the application's arguments besides its port ({@code --key=value})
     * @throws IllegalStateException when the node has not come up within 10 minutes (it is stopped then)
     */
    public static ClusterNode start(String name, Path directory, List<String> jvmOptions, List<String> arguments)
            throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path"),
                DelegateElectionApplication.class.getName(),
                "--server.port=" + port,
                "--spring.main.banner-mode=off"));
        command.addAll(arguments);
        Path log = Path.of("target", "cluster", name + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        ClusterNode node = new ClusterNode(name, port, process);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (!node.healthy()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                node.kill();
                throw new IllegalStateException("节点 " + name + " 未能启动，见 " + log);
            }
            Thread.sleep(500);
        }
        return node;
    }

    /** {@code http://localhost:<port>}. */
    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The name given at start. */
    public String name() {
        return name;
    }

    /** Whether {@code /actuator/health} answers 200 (UP). */
    public boolean healthy() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl()
                    + "/actuator/health")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Kills the node at once (SIGKILL on Linux: no shutdown hook, no transaction finished) and waits for its end. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}

package org.delegateelection.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.delegateelection.quota.Checkpoint;
import org.junit.jupiter.api.Test;

/**
 * The Cockpit quota view shows the title the quota report carries ({@code title} of its JSON) and keeps no copy of
 * the checkpoints' titles, which would drift from {@link Checkpoint}. Its rendering is tested in a browser by
 * {@link WebappsBrowserTest}.
 */
class CockpitQuotaPluginTest {

    private static final Path PLUGIN =
            Path.of("src/main/resources/META-INF/resources/webjars/camunda/app/cockpit/scripts/election-quota-plugin.js");

    @Test
    void showsTheReportsTitleAndKeepsNoCopyOfTheCheckpointTitles() throws IOException {
        String plugin = Files.readString(PLUGIN, StandardCharsets.UTF_8);

        assertThat(plugin).contains("report.title");
        assertThat(Arrays.stream(Checkpoint.values()).map(Checkpoint::title)).allSatisfy(title ->
                assertThat(plugin).as("plugin source").doesNotContain(title));
    }
}

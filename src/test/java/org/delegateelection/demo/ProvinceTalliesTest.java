package org.delegateelection.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.delegateelection.nomination.TallyFile;
import org.delegateelection.system.TableFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The province-scale generator at a small size: its counts, the same files from the same seed, valid files. */
class ProvinceTalliesTest {

    private static final HandbookElection HANDBOOK = new HandbookElection();

    @TempDir
    Path first;
    @TempDir
    Path second;

    @Test
    void theSameSeedWritesTheSameFilesWhoseFiguresScaleToAProvince() throws IOException {
        List<ProvinceTallies.UnitFile> files = ProvinceTallies.write(HANDBOOK, first, 1000);
        List<ProvinceTallies.UnitFile> again = ProvinceTallies.write(HANDBOOK, second, 1000);

        assertThat(files).hasSize(17);
        for (int i = 0; i < files.size(); i++) {
            assertThat(Files.mismatch(files.get(i).file(), again.get(i).file())).as(files.get(i).unitCode())
                    .isEqualTo(-1);
            assertThat(Files.readAllLines(files.get(i).file())).hasSize(files.get(i).rows() + 1);
        }
        int committees = files.stream().mapToInt(ProvinceTallies.UnitFile::committees).sum();
        long branches = files.stream().mapToLong(ProvinceTallies.UnitFile::branches).sum();
        long members = files.stream().mapToLong(ProvinceTallies.UnitFile::members).sum();
        long rows = files.stream().mapToLong(ProvinceTallies.UnitFile::rows).sum();
        assertThat(committees).isEqualTo(1000);
        assertThat(files).allSatisfy(f -> assertThat(f.committees()).isBetween(45, 70));
        // at 20,000 committees: about 200,000 branches, 5 million members, 2 million rows
        assertThat(branches).isBetween(9_500L, 10_500L);
        assertThat(members).isBetween(237_500L, 262_500L);
        assertThat(rows).isBetween(90_000L, 110_000L);
    }

    @Test
    void everyFilePassesTheChecksOfATallyFile() throws IOException {
        Map<String, TallyFile.Registered> registry = new HashMap<>();
        HANDBOOK.candidates().forEach(c -> registry.put(c.id(), new TallyFile.Registered(c.name(),
                c.recommendingUnit())));
        for (ProvinceTallies.UnitFile file : ProvinceTallies.write(HANDBOOK, first, 170)) {
            try (InputStream content = Files.newInputStream(file.file())) {
                TallyFile.Summary summary = TallyFile.read(TableFile.Format.CSV, content, new TallyFile.Context(
                        file.unitCode(), registry, Map.of(), Map.of(), null), row -> { });
                assertThat(summary.rows()).as(file.unitCode()).isEqualTo(file.rows());
                assertThat(summary.branches()).isEqualTo(file.branches());
                assertThat(summary.committees()).hasSize(file.committees());
            }
        }
    }
}

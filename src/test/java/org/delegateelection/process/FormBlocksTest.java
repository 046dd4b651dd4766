package org.delegateelection.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.delegateelection.document.DocumentController;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The blocks that several forms show — the quota report, the candidate table, the completion date, the document
 * links, the comment a form was returned with — are the same block wherever they appear: their Camunda Forms JSON is
 * equal across forms, leaving out the component's {@code id} and {@code layout} (which the Modeler assigns) and what a
 * block may say of its own step. Each form stays a plain file the Modeler opens; this test keeps the copies equal.
 */
class FormBlocksTest {

    private static final Path FORMS = Path.of("forms");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the Modeler assigns and every block leaves out of the comparison. */
    private static final Set<String> ASSIGNED = Set.of("id", "layout");

    /** A block repeated across forms: how it is recognized, and what each form may word for itself. */
    enum Block {
        /** 结构比例检查结果: the last quota report of the step's check, Markdown. */
        QUOTA_REPORT(c -> c.path("text").asText().contains("quotaReportText"), Set.of()),
        /** 人选名单: the people the step works on; the label may name that list (e.g. 代表候选人初步人选). */
        CANDIDATE_TABLE(c -> c.path("dataSource").asText().equals("=candidateTable"), Set.of("label")),
        /** 完成日期: the date a recorded step was done. */
        COMPLETION_DATE(c -> c.path("key").asText().equals("completedOn"), Set.of()),
        /** 文件下载: links to the documents the step uses. */
        DOCUMENT_LINKS(c -> c.path("text").asText().contains("documentLinks"), Set.of()),
        /** 退回意见: the reasons a later body gave when it sent the decision back. */
        RETURNED_WITH(c -> c.path("text").asText().contains("returnedWith"), Set.of());

        private final Predicate<JsonNode> recognizes;
        private final Set<String> ownWording;

        Block(Predicate<JsonNode> recognizes, Set<String> ownWording) {
            this.recognizes = recognizes;
            this.ownWording = ownWording;
        }
    }

    @ParameterizedTest
    @EnumSource(Block.class)
    void isTheSameInEveryFormThatShowsIt(Block block) throws IOException {
        Map<String, List<String>> formsByVariant = new TreeMap<>();
        for (Path form : forms()) {
            List<JsonNode> found = new ArrayList<>();
            collect(JSON.readTree(form.toFile()).path("components"), block, found);
            assertThat(found).as("%s shown at most once in %s", block, form.getFileName()).hasSizeLessThanOrEqualTo(1);
            found.forEach(component -> formsByVariant.computeIfAbsent(comparable(component, block).toString(),
                    variant -> new ArrayList<>()).add(form.getFileName().toString()));
        }
        assertThat(formsByVariant.values().stream().mapToInt(List::size).sum())
                .as("%s is a block of several forms", block).isGreaterThanOrEqualTo(2);
        assertThat(formsByVariant).as("variants of %s and the forms that have each", block).hasSize(1);
    }

    /**
     * A form offers the document links exactly where its step has documents to link
     * ({@link DocumentController#links(long, String, String)}).
     */
    @Test
    void showsTheDocumentLinksWhereItsStepHasDocuments() throws IOException {
        Map<String, String> formOfStep = new TreeMap<>();
        try (Stream<Path> diagrams = Files.list(Path.of("processes"))) {
            for (Path diagram : diagrams.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
                Bpmn.readModelFromFile(diagram.toFile()).getModelElementsByType(UserTask.class)
                        .forEach(task -> formOfStep.put(task.getId(), task.getCamundaFormRef()));
            }
        }
        assertThat(formOfStep).isNotEmpty();
        for (Map.Entry<String, String> step : formOfStep.entrySet()) {
            List<JsonNode> found = new ArrayList<>();
            collect(JSON.readTree(FORMS.resolve(step.getValue() + ".form").toFile()).path("components"),
                    Block.DOCUMENT_LINKS, found);
            assertThat(!found.isEmpty()).as("%s (%s) shows document links", step.getKey(), step.getValue())
                    .isEqualTo(!DocumentController.links(1, step.getKey(), null).isEmpty());
        }
    }

    private static JsonNode comparable(JsonNode component, Block block) {
        ObjectNode copy = component.deepCopy();
        copy.remove(ASSIGNED);
        copy.remove(block.ownWording);
        return copy;
    }

    private static void collect(JsonNode components, Block block, List<JsonNode> found) {
        for (JsonNode component : components) {
            if (block.recognizes.test(component)) {
                found.add(component);
            }
            collect(component.path("components"), block, found);
        }
    }

    private static List<Path> forms() throws IOException {
        try (Stream<Path> files = Files.list(FORMS)) {
            return files.filter(f -> f.toString().endsWith(".form")).sorted().toList();
        }
    }
}

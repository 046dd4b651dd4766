package org.delegateelection.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The catalogue of steps ({@link Steps}) says what the diagrams and the forms say: every user task of
 * {@code processes/*.bpmn} is in it, and nothing else, with the diagram's name, candidate groups, form and stage; and
 * each step's form opens with a heading that names the step's number and title ("### 第8步　常委会提出考察对象名单").
 */
class StepCatalogueTest {

    private static final Path PROCESSES = Path.of("processes");
    private static final Path FORMS = Path.of("forms");
    private static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
    /** "### 第23步（预选）　预选投票并计票", "### 主席团决定是否另行选举": number (with a note) and title. */
    private static final Pattern HEADING = Pattern.compile("### (?:第(\\d+)步(?:（[^）]+）)?　)?(.+)");

    /** A user task as a diagram has it: its process, name, candidate groups, form and the stage around it. */
    private record DiagramTask(String process, String name, String candidateGroups, String formRef, String stage) {
    }

    @Test
    void listsEveryUserTaskOfTheDiagramsAndNothingElse() throws Exception {
        assertThat(Steps.all()).extracting(Step::key)
                .containsExactlyInAnyOrderElementsOf(diagramTasks().keySet());
    }

    @Test
    void givesEachStepTheDiagramsNameCandidateGroupsAndForm() throws Exception {
        Map<String, DiagramTask> tasks = diagramTasks();
        for (Step step : Steps.all()) {
            DiagramTask task = tasks.get(step.key());
            assertThat(task).as(step.key()).isNotNull();
            assertThat(step.title()).as(step.key() + " name").isEqualTo(task.name());
            assertThat(step.candidateGroups()).as(step.key() + " candidate groups").isEqualTo(task.candidateGroups());
            assertThat(step.formKey()).as(step.key() + " form").isEqualTo(task.formRef());
            assertThat(FORMS.resolve(step.formKey() + ".form")).as(step.key() + " form file").isRegularFile();
        }
    }

    /**
     * The stage is the stage sub-process around the task; the recommending units' steps run in the nomination the
     * stage of nomination calls; the verification of a report, in an event sub-process of the whole procedure, has
     * none.
     */
    @Test
    void placesEachStepInTheStageAroundItsTask() throws Exception {
        Map<String, DiagramTask> tasks = diagramTasks();
        String callingStage = callingStage("unit-nomination");
        for (Step step : Steps.all()) {
            DiagramTask task = tasks.get(step.key());
            String stage = "unit-nomination".equals(task.process()) ? callingStage : task.stage();
            assertThat(step.stage() == null ? null : step.stage().activityId()).as(step.key() + " stage")
                    .isEqualTo(stage);
        }
    }

    static Stream<Step> steps() {
        return Steps.all().stream();
    }

    @ParameterizedTest
    @MethodSource("steps")
    void namesTheNumberAndTitleTheFormsHeadingGives(Step step) throws IOException {
        String text = new ObjectMapper().readTree(FORMS.resolve(step.formKey() + ".form").toFile())
                .path("components").path(0).path("text").asText();
        Matcher heading = HEADING.matcher(text.lines().findFirst().orElse(""));

        assertThat(heading.matches()).as("heading of %s: %s", step.formKey(), text).isTrue();
        assertThat(heading.group(1) == null ? null : Integer.valueOf(heading.group(1))).as("number")
                .isEqualTo(step.number());
        assertThat(heading.group(2)).as("title").isEqualTo(step.title());
    }

    @Test
    void knowsEveryStepOnceWithTheStepNumbersOfTheProcedure() {
        assertThat(Steps.all()).extracting(Step::number).filteredOn(Objects::nonNull).containsOnlyOnce(1, 25)
                .containsAll(java.util.stream.IntStream.rangeClosed(1, 25).boxed().toList());
        assertThat(Steps.all()).filteredOn(step -> step.family() == StepFamily.TALLY)
                .allSatisfy(step -> assertThat(step.vote()).as(step.key()).isNotNull());
        assertThat(Steps.all()).filteredOn(step -> step.family() == StepFamily.LIST)
                .allSatisfy(step -> assertThat(step.decides()).as(step.key()).isNotNull())
                .allSatisfy(step -> assertThat(step.shows() != null || step.showsOwnUnit()).as(step.key()).isTrue());
    }

    @Test
    void declaresTheVariablesOfAStepAndNoneForAnUnknownKey() {
        assertThat(Steps.declared("proposeInspectionList"))
                .containsExactlyInAnyOrder("selectedCandidateIds", "supportReason");
        assertThat(Steps.declared(Steps.START_FORM)).contains("electionUnitCode", "unitsText");
        assertThat(Steps.declared("noSuchTask")).isEmpty();
    }

    /** Every user task of the diagrams by its id. */
    private static Map<String, DiagramTask> diagramTasks() throws Exception {
        Map<String, DiagramTask> tasks = new LinkedHashMap<>();
        for (Path bpmn : bpmnFiles()) {
            Element definitions = parse(bpmn);
            NodeList processes = definitions.getElementsByTagNameNS(BPMN_NS, "process");
            for (int p = 0; p < processes.getLength(); p++) {
                Element process = (Element) processes.item(p);
                NodeList userTasks = process.getElementsByTagNameNS(BPMN_NS, "userTask");
                for (int i = 0; i < userTasks.getLength(); i++) {
                    Element task = (Element) userTasks.item(i);
                    DiagramTask previous = tasks.put(task.getAttribute("id"), new DiagramTask(process.getAttribute("id"),
                            task.getAttribute("name"), task.getAttributeNS(CAMUNDA_NS, "candidateGroups"),
                            task.getAttributeNS(CAMUNDA_NS, "formRef"), stageAround(task)));
                    assertThat(previous).as("user task id " + task.getAttribute("id") + " twice").isNull();
                }
            }
        }
        return tasks;
    }

    /** The stage sub-process (id "stage…") of {@code delegate-election} around a call of {@code processKey}. */
    private static String callingStage(String processKey) throws Exception {
        List<String> stages = new ArrayList<>();
        for (Path bpmn : bpmnFiles()) {
            NodeList calls = parse(bpmn).getElementsByTagNameNS(BPMN_NS, "callActivity");
            for (int i = 0; i < calls.getLength(); i++) {
                Element call = (Element) calls.item(i);
                if (processKey.equals(call.getAttribute("calledElement"))) {
                    stages.add(stageAround(call));
                }
            }
        }
        assertThat(stages).as("calls of " + processKey).hasSize(1);
        return stages.get(0);
    }

    private static String stageAround(Element element) {
        for (Node parent = element.getParentNode(); parent instanceof Element sub; parent = sub.getParentNode()) {
            if ("subProcess".equals(sub.getLocalName()) && sub.getAttribute("id").startsWith("stage")) {
                return sub.getAttribute("id");
            }
        }
        return null;
    }

    private static List<Path> bpmnFiles() throws IOException {
        try (Stream<Path> files = Files.list(PROCESSES)) {
            return files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList();
        }
    }

    private static Element parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    }
}

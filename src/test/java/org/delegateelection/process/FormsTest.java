package org.delegateelection.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.delegateelection.procedure.Steps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Checks the Camunda Forms in {@code forms/} against what Camunda 7.24 Tasklist can render: it embeds form-js 1.8.7,
 * which reads schemas up to version 16 and knows only the component types listed here.
 */
class FormsTest {

    private static final Path FORMS = Path.of("forms");
    private static final Path PROCESSES = Path.of("processes");
    private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
    private static final int SCHEMA_VERSION = 16;

    /** The form field types registered by the form-js 1.8.7 viewer. */
    private static final Set<String> FORM_JS_1_8_TYPES = Set.of(
            "button", "checkbox", "checklist", "datetime", "default", "dynamiclist", "expression", "group", "html",
            "iframe", "image", "number", "radio", "select", "separator", "spacer", "table", "taglist", "text",
            "textarea", "textfield");

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> forms() throws IOException {
        try (Stream<Path> files = Files.list(FORMS)) {
            return files.filter(f -> f.toString().endsWith(".form")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("forms")
    void isACamunda7FormNamedAfterItsId(Path file) throws IOException {
        JsonNode form = JSON.readTree(file.toFile());

        assertThat(form.path("id").asText()).isEqualTo(file.getFileName().toString().replace(".form", ""));
        assertThat(form.path("type").asText()).isEqualTo("default");
        assertThat(form.path("executionPlatform").asText()).isEqualTo("Camunda Platform");
        assertThat(form.path("executionPlatformVersion").asText()).isEqualTo("7.24.0");
        assertThat(form.path("schemaVersion").asInt()).isEqualTo(SCHEMA_VERSION);
    }

    @ParameterizedTest
    @MethodSource("forms")
    void opensWithAHeadingNamingTheDecidingBody(Path file) throws IOException {
        JsonNode first = JSON.readTree(file.toFile()).path("components").path(0);

        assertThat(first.path("type").asText()).isEqualTo("text");
        assertThat(first.path("text").asText()).startsWith("### ").contains("决定机关");
    }

    @ParameterizedTest
    @MethodSource("forms")
    void usesOnlyComponentsTasklistRendersWithUniqueIdsAndKeys(Path file) throws IOException {
        List<Component> components = components(file);
        List<String> ids = components.stream().map(c -> c.node().path("id").asText()).toList();
        List<String> keys = components.stream().filter(Component::keyed).map(Component::key).toList();

        assertThat(components).extracting(c -> c.node().path("type").asText()).isSubsetOf(FORM_JS_1_8_TYPES);
        assertThat(ids).doesNotContain("").doesNotHaveDuplicates();
        assertThat(keys).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @MethodSource("forms")
    void labelsEveryFieldInChinese(Path file) throws IOException {
        for (Component field : components(file).stream().filter(Component::keyed).toList()) {
            String label = field.node().has("dateLabel")
                    ? field.node().path("dateLabel").asText()
                    : field.node().path("label").asText();
            assertThat(label).as("label of %s in %s", field.key(), file).containsPattern("\\p{IsHan}");
        }
    }

    @ParameterizedTest
    @MethodSource("forms")
    void yesNoDecisionsSubmitBooleans(Path file) throws IOException {
        for (Component field : components(file)) {
            if (Set.of("approved", "confirmed").contains(field.key())) {
                JsonNode values = field.node().path("values");
                assertThat(field.node().path("type").asText()).isEqualTo("radio");
                assertThat(values).extracting(v -> v.path("value").isBoolean()).containsExactly(true, true);
                assertThat(values).extracting(v -> v.path("value").asBoolean()).containsExactly(true, false);
            }
        }
    }

    @Test
    void everyFormReferencedByAProcessExists() throws Exception {
        Set<String> missing = new TreeSet<>();
        for (Path bpmn : bpmnFiles()) {
            for (String formRef : formRefs(bpmn)) {
                if (!Files.isRegularFile(FORMS.resolve(formRef + ".form"))) {
                    missing.add(bpmn.getFileName() + ": " + formRef);
                }
            }
        }
        assertThat(missing).as("camunda:formRef without a form").isEmpty();
    }

    /**
     * A submission is refused when it names a variable its step does not declare ({@link Steps#declared}): every
     * field of a form must be declared for each step whose form it is (and the start form's for the start).
     */
    @Test
    void everyFieldIsAVariableItsStepsDeclare() throws Exception {
        java.util.Map<String, List<String>> stepsOfForm = new java.util.TreeMap<>();
        for (Path bpmn : bpmnFiles()) {
            for (String[] step : formSteps(bpmn)) {
                stepsOfForm.computeIfAbsent(step[1], f -> new ArrayList<>()).add(step[0]);
            }
        }
        stepsOfForm.put("delegate-election-start", List.of(Steps.START_FORM));
        assertThat(stepsOfForm).hasSize(forms().toList().size());
        for (var form : stepsOfForm.entrySet()) {
            List<String> keys = components(FORMS.resolve(form.getKey() + ".form")).stream().filter(Component::keyed)
                    .map(Component::key).toList();
            for (String step : form.getValue()) {
                assertThat(Steps.declared(step)).as(step + " (" + form.getKey() + ")").containsAll(keys);
            }
        }
    }

    /** A component with the dotted path of its key, e.g. {@code units.code} inside the dynamic list {@code units}. */
    private record Component(JsonNode node, String key) {
        boolean keyed() {
            return node.has("key");
        }
    }

    private static List<Component> components(Path file) throws IOException {
        List<Component> result = new ArrayList<>();
        collect(JSON.readTree(file.toFile()).path("components"), "", result);
        return result;
    }

    private static void collect(JsonNode components, String prefix, List<Component> result) {
        for (JsonNode component : components) {
            String key = component.has("key") ? prefix + component.path("key").asText() : "";
            result.add(new Component(component, key));
            String path = component.has("path") ? prefix + component.path("path").asText() + "." : prefix;
            collect(component.path("components"), path, result);
        }
    }

    private static List<Path> bpmnFiles() throws IOException {
        if (!Files.isDirectory(PROCESSES)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(PROCESSES)) {
            return files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList();
        }
    }

    private static List<String> formRefs(Path bpmn) throws Exception {
        return formSteps(bpmn).stream().map(step -> step[1]).toList();
    }

    /** Each element of the diagram with a form: its id and its {@code camunda:formRef}. */
    private static List<String[]> formSteps(Path bpmn) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        NodeList elements;
        try (InputStream in = Files.newInputStream(bpmn)) {
            elements = factory.newDocumentBuilder().parse(in).getElementsByTagNameNS("*", "*");
        }
        List<String[]> refs = new ArrayList<>();
        for (int i = 0; i < elements.getLength(); i++) {
            Element element = (Element) elements.item(i);
            if (element.hasAttributeNS(CAMUNDA_NS, "formRef")) {
                refs.add(new String[] {element.getAttribute("id"), element.getAttributeNS(CAMUNDA_NS, "formRef")});
            }
        }
        return refs;
    }
}

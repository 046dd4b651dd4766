package org.delegateelection.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a person sees when opening the diagrams in processes/ in Camunda Modeler: every element drawn, nothing drawn
 * on top of anything else, and the settings the Modeler and Tasklist need. Reading a file with Camunda's model API
 * also validates it against the BPMN 2.0 schema with the Camunda extensions.
 */
class DiagramLayoutTest {

    private static final String MODELER_NS = "http://camunda.org/schema/modeler/1.0";

    static Stream<Path> diagrams() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(Path.of("processes"))) {
            files = listing.filter(file -> file.toString().endsWith(".bpmn")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("diagrams")
    void everyFlowNodeHasAShapeAndEveryFlowAnEdge(Path file) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        Set<String> shaped = new HashSet<>();
        model.getModelElementsByType(BpmnShape.class).forEach(shape -> shaped.add(shape.getBpmnElement().getId()));
        Set<String> edged = new HashSet<>();
        model.getModelElementsByType(BpmnEdge.class).forEach(edge -> edged.add(edge.getBpmnElement().getId()));

        assertThat(model.getModelElementsByType(FlowNode.class)).extracting(FlowNode::getId).isSubsetOf(shaped);
        assertThat(model.getModelElementsByType(SequenceFlow.class)).extracting(SequenceFlow::getId).isSubsetOf(edged);
    }

    @ParameterizedTest
    @MethodSource("diagrams")
    void shapesDoNotOverlapTheirSiblingsAndStayInsideTheirSubProcess(Path file) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        Map<String, Box> boxes = boxes(model);
        Map<ModelElementInstance, List<BaseElement>> byParent = new HashMap<>();
        for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
            BaseElement element = shape.getBpmnElement();
            byParent.computeIfAbsent(element.getParentElement(), parent -> new ArrayList<>()).add(element);
        }

        List<String> problems = new ArrayList<>();
        byParent.forEach((parent, children) -> {
            for (int i = 0; i < children.size(); i++) {
                Box a = boxes.get(children.get(i).getId());
                for (BaseElement other : children.subList(i + 1, children.size())) {
                    if (a.overlaps(boxes.get(other.getId()))) {
                        problems.add(children.get(i).getId() + " overlaps " + other.getId());
                    }
                }
                if (parent instanceof SubProcess subProcess && !boxes.get(subProcess.getId()).contains(a)) {
                    problems.add(children.get(i).getId() + " sticks out of " + subProcess.getId());
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("diagrams")
    void sequenceFlowsAreOrthogonalAndRunThroughNoShape(Path file) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        Map<String, Box> boxes = boxes(model);
        List<String> problems = new ArrayList<>();
        for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
            SequenceFlow flow = (SequenceFlow) edge.getBpmnElement();
            Set<String> allowed = enclosingIds(flow);
            allowed.add(flow.getSource().getId());
            allowed.add(flow.getTarget().getId());
            List<Waypoint> points = List.copyOf(edge.getWaypoints());
            for (int i = 1; i < points.size(); i++) {
                Waypoint from = points.get(i - 1);
                Waypoint to = points.get(i);
                if (!from.getX().equals(to.getX()) && !from.getY().equals(to.getY())) {
                    problems.add(flow.getId() + " has a diagonal segment");
                }
                boxes.forEach((id, box) -> {
                    if (!allowed.contains(id) && box.crossedBy(from.getX(), from.getY(), to.getX(), to.getY())) {
                        problems.add(flow.getId() + " runs through " + id);
                    }
                });
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("diagrams")
    void processCarriesHistoryTimeToLiveAndTheModelerPlatform(Path file) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());

        assertThat(model.getDefinitions().getAttributeValueNs(MODELER_NS, "executionPlatform"))
                .isEqualTo("Camunda Platform");
        assertThat(model.getDefinitions().getAttributeValueNs(MODELER_NS, "executionPlatformVersion"))
                .isEqualTo("7.24.0");
        assertThat(model.getModelElementsByType(Process.class)).singleElement().satisfies(process -> {
            assertThat(process.isExecutable()).isTrue();
            assertThat(process.getCamundaHistoryTimeToLiveString()).isNotBlank();
        });
    }

    @ParameterizedTest
    @MethodSource("diagrams")
    void everyUserTaskHasADeployedFormAndCandidateGroups(Path file) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());

        assertThat(model.getModelElementsByType(UserTask.class)).isNotEmpty().allSatisfy(task -> {
            assertThat(task.getCamundaFormRef()).as("form of %s", task.getId()).isNotBlank();
            assertThat(task.getCamundaFormRefBinding()).as("form binding of %s", task.getId()).isEqualTo("deployment");
            assertThat(task.getCamundaCandidateGroups()).as("groups of %s", task.getId()).isNotBlank();
        });
    }

    private static Map<String, Box> boxes(BpmnModelInstance model) {
        Map<String, Box> boxes = new HashMap<>();
        for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
            Bounds b = shape.getBounds();
            boxes.put(shape.getBpmnElement().getId(), new Box(b.getX(), b.getY(), b.getWidth(), b.getHeight()));
        }
        return boxes;
    }

    /** Ids of the sub-processes a flow lies in: the flow may run inside their shapes. */
    private static Set<String> enclosingIds(SequenceFlow flow) {
        Set<String> ids = new HashSet<>();
        for (ModelElementInstance p = flow.getParentElement(); p instanceof SubProcess sub; p = sub.getParentElement()) {
            ids.add(sub.getId());
        }
        return ids;
    }

    private record Box(double x, double y, double width, double height) {

        boolean overlaps(Box o) {
            return x < o.x + o.width && o.x < x + width && y < o.y + o.height && o.y < y + height;
        }

        boolean contains(Box o) {
            return o.x >= x && o.y >= y && o.x + o.width <= x + width && o.y + o.height <= y + height;
        }

        /** Whether a horizontal or vertical segment enters this box's interior (1 px tolerance at the border). */
        boolean crossedBy(double x1, double y1, double x2, double y2) {
            return Math.max(x1, x2) >= x + 1 && Math.min(x1, x2) <= x + width - 1
                    && Math.max(y1, y2) >= y + 1 && Math.min(y1, y2) <= y + height - 1;
        }
    }
}

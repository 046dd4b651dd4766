package org.delegateelection.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimeDate;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.spin.plugin.impl.SpinProcessEnginePlugin;

import static org.camunda.bpm.model.bpmn.impl.BpmnModelConstants.CAMUNDA_NS;

/**
 * The bare shape of the procedure, for comparison: both diagrams ({@code processes/delegate-election.bpmn} and
 * {@code processes/unit-nomination.bpmn}) read with the Camunda model API, with the same activities, gateways,
 * sub-processes, multi-instance call activity, timer and user tasks, but no work of ours: listeners and forms removed,
 * every service task the expression {@code ${true}}, and every expression that calls one of our beans replaced by a
 * plain variable set at start. It runs on a plain engine of its own (no plugin of ours, same history level, JSON
 * serialization through Spin, UUID ids as the Spring Boot starter uses) on the application's data source, so that it
 * shares the database, the connection pool and the tables' contents with the real procedure.
 */
final class ProcedureSkeleton implements AutoCloseable {

    static final String ELECTION_KEY = "skeleton-delegate-election";
    static final String UNIT_KEY = "skeleton-unit-nomination";

    /** An expression that still calls a bean or a method: the skeleton must not contain one. */
    private static final Pattern BEAN_CALL = Pattern.compile("\\$\\{[^}]*(\\w\\.\\w|\\()");

    private final ProcessEngine engine;
    private final Map<String, Object> startVariables;

    /** Builds the engine on {@code dataSource} (the engine's tables must exist) and deploys the skeleton. */
    ProcedureSkeleton(DataSource dataSource, List<String> unitCodes, LocalDate noticeDue) {
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setProcessEngineName("skeleton");
        configuration.setDataSource(dataSource);
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_FALSE);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setJobExecutorActivate(false);
        configuration.setIdGenerator(new StrongUuidGenerator());
        configuration.setDefaultSerializationFormat("application/json");
        List<ProcessEnginePlugin> plugins = new ArrayList<>();
        plugins.add(new SpinProcessEnginePlugin());
        configuration.setProcessEnginePlugins(plugins);
        engine = configuration.buildProcessEngine();
        engine.getRepositoryService().createDeployment().name("procedure-skeleton")
                .addModelInstance("skeleton-delegate-election.bpmn", election())
                .addModelInstance("skeleton-unit-nomination.bpmn", unitNomination())
                .deploy();
        startVariables = Variables.createVariables()
                .putValue("electionId", 0L)
                .putValue("quotaPassed", true)
                .putValue("approved", true)
                .putValue("returnTo", "")
                .putValue("confirmed", false)
                .putValue("electionComplete", true)
                .putValue("roundKind", "ELECTED_ALL")
                .putValue("preliminaryElection", false)
                .putValue("centralReviewReturned", false)
                .putValue("needsRegulators", true)
                .putValue("consultationRounds", 1)
                .putValue("anotherConsultationRound", false)
                .putValue("unitCodes", new ArrayList<>(unitCodes))
                .putValue("noticeDue", Date.from(noticeDue.atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant()));
    }

    /**
     * Starts the skeleton under {@code businessKey} and drives it to its end as the handbook driver drives the real
     * one: the first open task is completed (with no variables) until none is open, then the instance's jobs run.
     */
    void drive(String businessKey) {
        String instanceId = engine.getRuntimeService()
                .startProcessInstanceByKey(ELECTION_KEY, businessKey, startVariables).getId();
        while (engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instanceId)
                .finished().count() == 0) {
            List<Task> tasks = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(businessKey)
                    .orderByTaskCreateTime().asc().list();
            if (!tasks.isEmpty()) {
                engine.getTaskService().complete(tasks.get(0).getId());
                continue;
            }
            List<Job> jobs = engine.getManagementService().createJobQuery().processInstanceId(instanceId).list();
            if (jobs.isEmpty()) {
                throw new IllegalStateException("skeleton " + businessKey + " waits with no task and no job");
            }
            jobs.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
    }

    /** The user tasks of the instances (with called ones) under {@code businessKey}. */
    long userTasks(String businessKey) {
        return engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceBusinessKey(businessKey)
                .count();
    }

    @Override
    public void close() {
        engine.close();
    }

    private static BpmnModelInstance election() {
        BpmnModelInstance model = read("processes/delegate-election.bpmn");
        strip(model, "delegate-election", ELECTION_KEY);
        for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
            call.setCalledElement(UNIT_KEY);
            // the called skeleton's gateways read quotaPassed, which the real unit's quota checks set themselves,
            // and anotherConsultationRound, which stands for the consultation rounds' comparison
            for (String variable : List.of("quotaPassed", "anotherConsultationRound")) {
                CamundaIn in = model.newInstance(CamundaIn.class);
                in.setCamundaSource(variable);
                in.setCamundaTarget(variable);
                call.getExtensionElements().addChildElement(in);
            }
        }
        for (MultiInstanceLoopCharacteristics loop : model.getModelElementsByType(
                MultiInstanceLoopCharacteristics.class)) {
            loop.setCamundaCollection("${unitCodes}");
        }
        for (TimeDate timeDate : model.getModelElementsByType(TimeDate.class)) {
            timeDate.setTextContent("${noticeDue}");
        }
        for (ConditionExpression condition : model.getModelElementsByType(ConditionExpression.class)) {
            if (condition.getTextContent().contains("needsRegulators")) {
                condition.setTextContent("${needsRegulators}");
            }
        }
        return checked(model);
    }

    private static BpmnModelInstance unitNomination() {
        BpmnModelInstance model = read("processes/unit-nomination.bpmn");
        strip(model, "unit-nomination", UNIT_KEY);
        for (ConditionExpression condition : model.getModelElementsByType(ConditionExpression.class)) {
            if (condition.getTextContent().contains("consultationRound")) {
                condition.setTextContent(condition.getTextContent().startsWith("${!")
                        ? "${!anotherConsultationRound}" : "${anotherConsultationRound}");
            }
        }
        return checked(model);
    }

    /** New process key, no diagram, no listeners, no forms, no-op service tasks without their input mappings. */
    private static void strip(BpmnModelInstance model, String key, String skeletonKey) {
        model.getDefinitions().getBpmDiagrams().clear();
        model.<Process>getModelElementById(key).setId(skeletonKey);
        remove(model.getModelElementsByType(CamundaExecutionListener.class));
        remove(model.getModelElementsByType(CamundaTaskListener.class));
        remove(model.getModelElementsByType(CamundaInputOutput.class));
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            task.removeAttributeNs(CAMUNDA_NS, "formRef");
            task.removeAttributeNs(CAMUNDA_NS, "formRefBinding");
        }
        for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
            start.removeAttributeNs(CAMUNDA_NS, "formRef");
            start.removeAttributeNs(CAMUNDA_NS, "formRefBinding");
        }
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            task.removeAttributeNs(CAMUNDA_NS, "delegateExpression");
            task.setCamundaExpression("${true}");
        }
    }

    private static void remove(Collection<? extends ModelElementInstance> elements) {
        for (ModelElementInstance element : List.copyOf(elements)) {
            element.getParentElement().removeChildElement(element);
        }
    }

    private static BpmnModelInstance checked(BpmnModelInstance model) {
        Bpmn.validateModel(model);
        String xml = Bpmn.convertToString(model);
        var call = BEAN_CALL.matcher(xml);
        if (call.find()) {
            throw new IllegalStateException("skeleton still calls application code: " + call.group());
        }
        return model;
    }

    private static BpmnModelInstance read(String resource) {
        try (InputStream in = ProcedureSkeleton.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            return Bpmn.readModelFromStream(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

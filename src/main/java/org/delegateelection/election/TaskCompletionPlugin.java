package org.delegateelection.election;

import java.util.ArrayList;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Adds {@link TaskDecisions} as a built-in listener to every user task of every deployed diagram: on
 * {@code create} it clears the task's previous decision, on {@code complete} it validates the submitted values and
 * records the decision. A diagram edited in the Modeler cannot lose the server-side checks.
 */
@Component
public class TaskCompletionPlugin extends AbstractProcessEnginePlugin {

    private final TaskDecisions decisions;

    public TaskCompletionPlugin(@Lazy TaskDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPreBPMNParseListeners() == null) {
            configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPreBPMNParseListeners().add(parseListener());
    }

    private BpmnParseListener parseListener() {
        TaskListener onCreate = decisions::clearPrevious;
        TaskListener onComplete = decisions::validateAndRecord;
        return new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                var definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
                definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, onCreate);
                definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, onComplete);
            }
        };
    }
}

package org.delegateelection.process;

import java.util.ArrayList;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Adds built-in listeners to every user task of every deployed diagram: on {@code complete} the completion first
 * takes the task's row lock ({@code select … for update} on {@code ACT_RU_TASK}), so that completions of one task
 * run one after the other: a second one waits for the first to end and then finds the task gone (or changed) and
 * fails as a concurrent change, before it has written anything; without the lock, concurrent completions ran their
 * decisions side by side and blocked each other in the application's tables. Then {@link TaskDecisions}: on
 * {@code create} it clears the task's previous decision, on {@code complete} it validates the submitted values and
 * records the decision. A diagram edited in the Modeler cannot lose the server-side checks.
 */
@Component
public class TaskCompletionPlugin extends AbstractProcessEnginePlugin {

    private final TaskDecisions decisions;
    private final JdbcClient jdbc;

    public TaskCompletionPlugin(@Lazy TaskDecisions decisions, @Lazy JdbcClient jdbc) {
        this.decisions = decisions;
        this.jdbc = jdbc;
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
        TaskListener exclusive = this::lock;
        TaskListener onComplete = decisions::validateAndRecord;
        return new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                var definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
                definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, onCreate);
                definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, exclusive);
                definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, onComplete);
            }
        };
    }

    /**
     * Locks the task's row as this completion read it, until the transaction ends.
     *
     * @throws OptimisticLockingException when another request completed or changed the task meanwhile
     */
    private void lock(DelegateTask task) {
        boolean unchanged = jdbc.sql("select ID_ from ACT_RU_TASK where ID_ = ? and REV_ = ? for update")
                .param(task.getId()).param(((TaskEntity) task).getRevision()).query(String.class).optional()
                .isPresent();
        if (!unchanged) {
            throw new OptimisticLockingException("任务 " + task.getId() + " 已被其他请求完成或修改");
        }
    }
}

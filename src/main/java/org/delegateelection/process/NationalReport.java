package org.delegateelection.process;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.runtime.Execution;
import org.delegateelection.security.CallerChecked;
import org.delegateelection.system.ConflictException;
import org.springframework.stereotype.Component;

/**
 * End listener of step 24 (reportResults) of {@code delegate-election} ({@code ${nationalReport}}): a unit that
 * belongs to a national procedure ({@value NationalElections#NATIONAL_KEY}) reports its results to it — the message
 * {@value #MESSAGE} reaches the national instance's wait for this unit (its {@code unitCode}), in the same
 * transaction as the step. A unit on its own reports to nobody.
 */
@Component("nationalReport")
public class NationalReport implements ExecutionListener {

    /** The message the national procedure waits for, per unit. */
    public static final String MESSAGE = "unitResultsReported";

    private final RuntimeService runtimeService;
    private final CallerChecked callerChecked;

    public NationalReport(RuntimeService runtimeService, CallerChecked callerChecked) {
        this.runtimeService = runtimeService;
        this.callerChecked = callerChecked;
    }

    @Override
    public void notify(DelegateExecution execution) {
        if (!(execution.getVariable(NationalElections.NATIONAL_KEY) instanceof String nationalKey)) {
            return;
        }
        String unit = execution.getProcessBusinessKey();
        callerChecked.withoutEngineChecks(() -> {
            // the wait of this unit's branch of the multi-instance: the unit's code is its element variable
            for (Execution waiting : runtimeService.createExecutionQuery().processInstanceBusinessKey(nationalKey)
                    .processDefinitionKey(NationalElections.PROCESS_KEY).messageEventSubscriptionName(MESSAGE)
                    .list()) {
                if (unit.equals(runtimeService.getVariable(waiting.getId(), "unitCode"))) {
                    runtimeService.messageEventReceived(MESSAGE, waiting.getId());
                    return null;
                }
            }
            throw new ConflictException("全国代表选举 " + nationalKey + " 此刻未在等待选举单位 " + unit
                    + " 上报结果（正在检查其进度），请稍后重试");
        });
    }
}

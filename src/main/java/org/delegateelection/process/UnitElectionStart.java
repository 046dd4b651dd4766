package org.delegateelection.process;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.national.SeatAllocation;
import org.delegateelection.security.CallerChecked;
import org.springframework.stereotype.Component;

/**
 * Service task 启动本单位代表选举 of {@code national-election} ({@code ${unitElectionStart}}), once per unit
 * ({@code unitCode}): the unit's {@code delegate-election}, with the unit's code as business key, in the unit's
 * tenant (its bodies see only it; decision 0030), a process instance of its own that Cockpit shows as such. A unit
 * that registered its election beforehand (with its own recommending units) keeps it, and it is started if it was
 * not; any other is registered from its allocation row ({@link SeatAllocation.Row#registration}) and started. Either
 * way the unit's instance carries {@value NationalElections#NATIONAL_KEY}, the national procedure's business key, by
 * which step 24 reports back ({@link NationalReport}).
 */
@Component("unitElectionStart")
public class UnitElectionStart implements JavaDelegate {

    private final NationalElections national;
    private final ElectionService service;
    private final ElectionRepository elections;
    private final RuntimeService runtimeService;
    private final CallerChecked callerChecked;

    public UnitElectionStart(NationalElections national, ElectionService service, ElectionRepository elections,
            RuntimeService runtimeService, CallerChecked callerChecked) {
        this.national = national;
        this.service = service;
        this.elections = elections;
        this.runtimeService = runtimeService;
        this.callerChecked = callerChecked;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long nationalId = ((Number) execution.getVariable(NationalElections.NATIONAL_ID)).longValue();
        String code = (String) execution.getVariable("unitCode");
        SeatAllocation.Row row = national.allocation(nationalId).row(code).orElseThrow();
        String instance = callerChecked.withoutEngineChecks(() -> {
            String started = elections.idOf(code).map(id -> elections.processInstanceOf(id).orElseGet(() ->
                            runtimeService.startProcessInstanceByKey(ElectionService.PROCESS_KEY, code,
                                    Map.of(ProcessVariables.ELECTION_ID, id)).getId()))
                    .orElseGet(() -> service.start(row.registration(national.notice(nationalId).deadline()), code)
                            .processInstanceId());
            runtimeService.setVariable(started, NationalElections.NATIONAL_KEY, execution.getProcessBusinessKey());
            return started;
        });
        execution.setVariableLocal("unitProcessInstanceId", instance);
    }
}

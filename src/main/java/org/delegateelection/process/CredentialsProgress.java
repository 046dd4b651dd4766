package org.delegateelection.process;

import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task 统计待审查代表资格的选举单位 of {@code national-election} ({@code ${credentialsProgress}}), once every
 * unit has reported its results and after each confirmation: how many units' delegates are not confirmed yet
 * ({@code unitsAwaitingCredentials}, the gateway's question), and for the credentials task's form the list of them
 * ({@code awaitingCredentialsText}: code, name, elected delegates). A unit the committee confirmed at its own step 25
 * is no longer listed.
 */
@Component("credentialsProgress")
public class CredentialsProgress implements JavaDelegate {

    private final NationalElections national;

    public CredentialsProgress(NationalElections national) {
        this.national = national;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long nationalId = ((Number) execution.getVariable(NationalElections.NATIONAL_ID)).longValue();
        List<NationalElections.UnitProgress> awaiting = national.progress(nationalId).stream()
                .filter(unit -> !unit.confirmed()).toList();
        execution.setVariable("unitsAwaitingCredentials", awaiting.size());
        execution.setVariable("awaitingCredentialsText", awaiting.stream()
                .map(unit -> unit.code() + " " + unit.name() + "（代表名额 " + unit.seats() + " 名）")
                .collect(Collectors.joining("\n")));
    }
}

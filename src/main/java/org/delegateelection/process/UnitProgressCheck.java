package org.delegateelection.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.delegateelection.national.SeatAllocation;
import org.springframework.stereotype.Component;

/**
 * Service task 检查选举进度 of {@code national-election} ({@code ${unitProgressCheck}}), on the notice's progress
 * check day, for a unit that has not reported its results yet. A unit is behind its plan when it has not elected its
 * delegates by then: its step 24 (向党中央报告选举结果) not reached, so that the deadline leaves too little time for the
 * report and the credentials. Sets {@code behindPlan} for the gateway, and for the reminder's form the unit's
 * {@code unitName} and {@code unitProgressText} (its seats, its open tasks, the deadline).
 */
@Component("unitProgressCheck")
public class UnitProgressCheck implements JavaDelegate {

    private final NationalElections national;

    public UnitProgressCheck(NationalElections national) {
        this.national = national;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long nationalId = ((Number) execution.getVariable(NationalElections.NATIONAL_ID)).longValue();
        SeatAllocation.Row row = national.allocation(nationalId).row((String) execution.getVariable("unitCode"))
                .orElseThrow();
        NationalElections.UnitProgress progress = national.progress(row,
                national.notice(nationalId).deadline());
        execution.setVariableLocal("behindPlan", !progress.elected());
        execution.setVariableLocal("unitName", row.name());
        execution.setVariableLocal("unitProgressText", row.name() + "（" + row.code() + "，" + row.seats() + " 名）："
                + (progress.openTasks().isEmpty() ? "没有待办任务" : "正在办理 " + String.join("、", progress.openTasks()))
                + "；应于 " + national.notice(nationalId).deadline() + " 前完成选举并上报结果");
    }
}

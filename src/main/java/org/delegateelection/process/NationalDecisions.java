package org.delegateelection.process;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.CandidateList;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.national.SeatAllocation;
import org.delegateelection.procedure.StepFamily;
import org.delegateelection.security.CallerChecked;
import org.delegateelection.system.InputValues;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.PlainText;
import org.delegateelection.system.Problem;
import org.delegateelection.system.TableFile;
import org.springframework.stereotype.Component;

/**
 * The tasks of the national procedure ({@link StepFamily#NATIONAL}):
 * <ul>
 * <li>分配各选举单位代表名额 ({@code allocateSeats}): the allocation typed into the form ({@code allocationText}, a CSV
 * table) is read and stored as the imported one is; without it, an allocation must have been imported; either way it
 * is checked against the notice and the elections registered beforehand ({@link NationalElections#store});</li>
 * <li>催办选举单位 ({@code remindUnit}): how the unit was reminded ({@code reminderNote}, at most {@value #MAX_NOTE}
 * characters);</li>
 * <li>审查确认各选举单位代表资格 ({@code confirmCredentials}): the units confirmed now ({@code unitCodesText}, one code a
 * line, each waiting at its step 25) and the delegates found invalid ({@code invalidDelegatesText}, lines
 * "code,id,reason"); each unit's step 25 is completed with its elected delegates less those found invalid, so the
 * unit's own decision records the confirmation and the findings (one confirmation, whichever way it is made).</li>
 * </ul>
 */
@Component
class NationalDecisions implements StepRule {

    /** The most characters of a reminder's note. */
    static final int MAX_NOTE = 2000;

    private final NationalElections national;
    private final CandidateRepository candidates;
    private final TaskService taskService;
    private final CallerChecked callerChecked;

    NationalDecisions(NationalElections national, CandidateRepository candidates, TaskService taskService,
            CallerChecked callerChecked) {
        this.national = national;
        this.candidates = candidates;
        this.taskService = taskService;
        this.callerChecked = callerChecked;
    }

    @Override
    public StepFamily family() {
        return StepFamily.NATIONAL;
    }

    @Override
    public void decide(Completion completion) {
        DelegateTask task = completion.task();
        long nationalId = ((Number) task.getVariable(NationalElections.NATIONAL_ID)).longValue();
        switch (completion.step().key()) {
            case "allocateSeats" -> allocate(task, nationalId);
            case "remindUnit" -> {
                String note = InputValues.text("reminderNote", task.getVariable("reminderNote"), MAX_NOTE);
                if (PlainText.problem(note) != null) {
                    throw InvalidInputException.field("reminderNote", PlainText.problem(note));
                }
            }
            case "confirmCredentials" -> confirm(task, nationalId);
            default -> throw new IllegalStateException("没有为任务 " + completion.step().key() + " 定义服务端校验");
        }
    }

    private void allocate(DelegateTask task, long nationalId) {
        Object text = task.getVariable("allocationText");
        if (text != null && !text.toString().isBlank()) {
            byte[] csv = text.toString().getBytes(StandardCharsets.UTF_8);
            try {
                national.allocate(national.notice(nationalId).code(), TableFile.Format.CSV, csv);
            } catch (InvalidInputException e) {
                throw e.restated("录入的名额分配表有误", p -> new Problem(null, "allocationText", p.toString()));
            }
            return;
        }
        SeatAllocation allocation;
        try {
            allocation = national.allocation(nationalId);
        } catch (java.util.NoSuchElementException e) {
            throw InvalidInputException.field("allocationText", "尚未导入名额分配表，请导入或在此录入");
        }
        try {
            national.checkRegistered(allocation);
        } catch (InvalidInputException e) {
            throw e.restated("导入的名额分配表有误", p -> new Problem(null, "allocationText", p.toString()));
        }
    }

    private void confirm(DelegateTask task, long nationalId) {
        Map<String, NationalElections.UnitProgress> units = new LinkedHashMap<>();
        national.progress(nationalId).forEach(unit -> units.put(unit.code(), unit));
        Set<String> chosen = new LinkedHashSet<>();
        List<Problem> problems = new ArrayList<>();
        for (List<String> line : InputValues.lines("unitCodesText", task.getVariable("unitCodesText"), 1, 1)) {
            String code = line.get(0);
            NationalElections.UnitProgress unit = units.get(code);
            if (unit == null) {
                problems.add(new Problem(null, "unitCodesText", "选举单位 " + code + " 不在名额分配表中"));
            } else if (unit.confirmed()) {
                problems.add(new Problem(null, "unitCodesText", unit.name() + "（" + code + "）的代表资格已经确认"));
            } else if (!unit.reported()) {
                problems.add(new Problem(null, "unitCodesText", unit.name() + "（" + code + "）尚未上报选举结果"));
            } else if (!chosen.add(code)) {
                problems.add(new Problem(null, "unitCodesText", "选举单位 " + code + " 重复"));
            }
        }
        Map<String, StringBuilder> invalid = new LinkedHashMap<>();
        Object text = task.getVariable("invalidDelegatesText");
        String[] lines = text == null ? new String[0] : text.toString().split("\\R");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] parts = lines[i].strip().split("[,，\\t]", 2);
            if (parts.length < 2 || !chosen.contains(parts[0].strip())) {
                problems.add(new Problem(null, "invalidDelegatesText", "第" + (i + 1) + "行：应以本次确认的选举单位代码开头（"
                        + "选举单位代码,人选编号,理由）：" + lines[i].strip()));
            } else {
                invalid.computeIfAbsent(parts[0].strip(), c -> new StringBuilder()).append(parts[1].strip())
                        .append('\n');
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("代表资格审查有误", problems);
        }
        for (String code : chosen) {
            completeStep25(units.get(code), invalid.getOrDefault(code, new StringBuilder()).toString());
        }
    }

    /**
     * Completes the unit's step 25 as the current user (a member of the credentials committee, who may work on it):
     * its decision checks the findings and records them with the confirmed delegates.
     */
    private void completeStep25(NationalElections.UnitProgress unit, String invalidLines) {
        Task step25 = callerChecked.withoutEngineChecks(() -> taskService.createTaskQuery()
                .processInstanceId(unit.processInstanceId()).taskDefinitionKey("credentialsReview").singleResult());
        if (step25 == null) {
            throw InvalidInputException.field("unitCodesText", unit.name() + "（" + unit.code() + "）不在第25步");
        }
        Set<String> found = invalidLines.lines().map(l -> l.split("[,，\\t]", 2)[0].strip())
                .collect(Collectors.toSet());
        List<String> confirmed = candidates.list(unit.electionId(), CandidateList.ELECTED.key()).stream()
                .map(Candidate::id).filter(id -> !found.contains(id)).toList();
        try {
            taskService.complete(step25.getId(), Map.of("selectedCandidateIds",
                    Variables.objectValue(new ArrayList<>(confirmed)).serializationDataFormat("application/json")
                            .create(), "invalidDelegatesText", invalidLines));
        } catch (InvalidInputException e) {
            throw e.restated("代表资格审查有误", p -> new Problem(null, "invalidDelegatesText",
                    unit.name() + "（" + unit.code() + "）" + p.reason()));
        }
    }
}

package org.delegateelection.process;

import static org.delegateelection.system.InputValues.integer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.election.ElectionUnit;
import org.delegateelection.election.RecommendingUnit;
import org.delegateelection.nomination.NominationRepository;
import org.delegateelection.procedure.StepFamily;
import org.delegateelection.system.InputValues;
import org.delegateelection.system.InvalidInputException;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The figures registered for an election ({@link StepFamily#FIGURES}): the seats and structure requirements given to
 * the unit (step 1), the plan's structure targets, consultation rounds and nominee quota per recommending unit
 * (step 2), and, at step 5, that a recommending unit's branch tallies of the round under way are there (uploaded
 * beforehand, they are the step's figures).
 */
@Component
class Figures implements StepRule {

    private final ElectionRepository elections;
    private final NominationRepository nominations;

    Figures(ElectionRepository elections, NominationRepository nominations) {
        this.elections = elections;
        this.nominations = nominations;
    }

    @Override
    public StepFamily family() {
        return StepFamily.FIGURES;
    }

    @Override
    public void decide(Completion completion) {
        DelegateTask task = completion.task();
        long electionId = completion.electionId();
        switch (completion.step().key()) {
            case "registerAllocation" -> registerAllocation(task, electionId);
            case "draftImplementationPlan" -> draftPlan(task, electionId);
            case "branchRecommendation" -> branchRecommendation(electionId, completion.unitCode());
            default -> throw new IllegalStateException("没有为任务 " + completion.step().key() + " 定义登记的数字");
        }
    }

    /** Step 1: seats, nominee quota and minimum preliminary candidates 1–10,000; women's share of members 0–100 %. */
    private void registerAllocation(DelegateTask task, long electionId) {
        int seats = integer("seats", task.getVariable("seats"), 1, 10_000);
        int nomineeQuota = integer("nomineeQuota", task.getVariable("nomineeQuota"), 1, 10_000);
        int minPreliminary = integer("minPreliminary", task.getVariable("minPreliminary"), 1, 10_000);
        int minMinorities = integer("minMinorities", task.getVariable("minMinorities"), 0, 10_000);
        BigDecimal percent = InputValues.number("womenMemberSharePercent",
                task.getVariable("womenMemberSharePercent"));
        if (percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) >= 0) {
            throw InvalidInputException.field("womenMemberSharePercent", "须大于0且小于100（百分数）");
        }
        elections.updateAllocation(electionId, seats, nomineeQuota, minPreliminary, minMinorities,
                percent.divide(BigDecimal.valueOf(100), 4, RoundingMode.HALF_UP));
    }

    /**
     * Step 2: the structure targets, the consultation rounds of the recommendation ({@code consultationRounds}, 1 to
     * {@value ElectionUnit#MAX_CONSULTATION_ROUNDS}, "三上三下"; the unit-nomination's loop reads it) and the units'
     * quotas, either {@code unitQuotas} (JSON [{code, quota}], REST) or {@code unitQuotasText} (one line
     * "code,name,quota" per unit, the form); each unit of the election at most once.
     */
    private void draftPlan(DelegateTask task, long electionId) {
        int leadingCadres = integer("leadingCadreTarget", task.getVariable("leadingCadreTarget"), 0, 10_000);
        int frontline = integer("frontlineTarget", task.getVariable("frontlineTarget"), 0, 10_000);
        int women = integer("minWomenNominees", task.getVariable("minWomenNominees"), 0, 10_000);
        int under55 = integer("minUnder55Nominees", task.getVariable("minUnder55Nominees"), 0, 10_000);
        int rounds = integer(ProcessVariables.CONSULTATION_ROUNDS,
                task.getVariable(ProcessVariables.CONSULTATION_ROUNDS), 1, ElectionUnit.MAX_CONSULTATION_ROUNDS);
        Set<String> known = elections.get(electionId).recommendingUnits().stream()
                .map(RecommendingUnit::code).collect(Collectors.toSet());
        Map<String, Integer> quotas = new LinkedHashMap<>();
        Object submitted = task.getExecution().getVariable("unitQuotas");
        if (submitted != null) {
            JsonNode list = InputValues.json("unitQuotas", submitted);
            if (!list.isArray()) {
                throw InvalidInputException.field("unitQuotas", "须为数组，每项为 {code, quota}");
            }
            for (int i = 0; i < list.size(); i++) {
                String field = "unitQuotas[" + i + "]";
                unitQuota(quotas, known, field + ".code", list.get(i).path("code").asText(""),
                        integer(field + ".quota", list.get(i).path("quota").numberValue(), 1, 10_000));
            }
        } else if (task.getVariableLocal("unitQuotasText") != null) {
            for (List<String> line : InputValues.lines("unitQuotasText", task.getVariableLocal("unitQuotasText"),
                    2, 3)) {
                unitQuota(quotas, known, "unitQuotasText", line.get(0),
                        integer("unitQuotasText", line.get(line.size() - 1), 1, 10_000));
            }
        }
        elections.updatePlan(electionId, leadingCadres, frontline, women, under55, rounds, quotas);
        task.getExecution().getProcessInstance().setVariable(ProcessVariables.CONSULTATION_ROUNDS, rounds);
        task.getExecution().getProcessInstance().setVariable(ProcessVariables.UNIT_QUOTA_TABLE,
                ProcessVariables.unitQuotaTable(elections.get(electionId)));
    }

    private static void unitQuota(Map<String, Integer> quotas, Set<String> known, String field, String code,
            int quota) {
        if (!known.contains(code)) {
            throw InvalidInputException.field(field, "不是本选举单位的推荐单位：" + code);
        }
        if (quotas.put(code, quota) != null) {
            throw InvalidInputException.field(field, "推荐单位重复：" + code);
        }
    }

    /**
     * Step 5: the unit's branch tallies of the round have been uploaded
     * ({@code POST /api/elections/{id}/recommendations?round=}); the participation check after the task reads them.
     */
    private void branchRecommendation(long electionId, String unit) {
        int round = nominations.roundUnderWay(electionId, unit);
        if (nominations.participation(electionId, unit, round).isEmpty()) {
            throw InvalidInputException.field("recommendations", "本单位尚未上传第 " + round
                    + " 轮党支部推荐情况，请先上传各基层党委的推荐情况表（round=" + round + "），再提交");
        }
    }
}

package org.delegateelection.process;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.election.ElectionRequest;
import org.delegateelection.election.ElectionUnit;
import org.delegateelection.election.RecommendingUnit;
import org.delegateelection.quota.QuotaRuleService;
import org.delegateelection.quota.QuotaRules;
import org.delegateelection.security.AccessSetup;
import org.delegateelection.security.CallerChecked;
import org.delegateelection.security.CurrentUser;
import org.delegateelection.security.UnitTenants;
import org.delegateelection.system.CjkFont;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.Problem;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Registers an election unit and starts its {@code delegate-election} process, in one transaction. */
@Service
public class ElectionService {

    /** Key of the main process. */
    public static final String PROCESS_KEY = "delegate-election";
    /** Dates of the procedure are in this zone. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ElectionRepository elections;
    private final QuotaRuleService rules;
    private final RuntimeService runtimeService;
    private final AccessSetup accessSetup;
    private final CjkFont font;
    private final CurrentUser currentUser;
    private final UnitTenants tenants;
    private final CallerChecked callerChecked;

    /**
     * The font tells which characters the documents can print, for the names of the unit and its units; the current
     * user is recorded as the author of the rule changes made at registration, and decides the electoral unit an
     * election belongs to ({@link UnitTenants#forRegistration}).
     */
    public ElectionService(ElectionRepository elections, QuotaRuleService rules, RuntimeService runtimeService,
            AccessSetup accessSetup, CjkFont font, CurrentUser currentUser, UnitTenants tenants,
            CallerChecked callerChecked) {
        this.tenants = tenants;
        this.callerChecked = callerChecked;
        this.elections = elections;
        this.rules = rules;
        this.runtimeService = runtimeService;
        this.accessSetup = accessSetup;
        this.font = font;
        this.currentUser = currentUser;
    }

    /** An election as started: its id and the process instance that runs it. */
    public record StartedElection(long electionId, String processInstanceId) {
    }

    /**
     * Validates the configuration, stores the election in the caller's electoral unit
     * ({@link UnitTenants#forRegistration}) and starts its process with the unit's code as business key.
     *
     * @throws InvalidInputException for a bad field or a code already in use; nothing is stored then
     */
    @Transactional
    public StartedElection start(ElectionRequest request) {
        return start(request, tenants.forRegistration(request.code()));
    }

    /**
     * Validates the configuration, stores the election in the electoral unit {@code tenantId} (the engine tenant of
     * the unit's bodies, created when absent, decision 0030) and starts its process, whose instance, tasks and
     * history then carry the tenant.
     *
     * @throws InvalidInputException for a bad field or a code already in use; nothing is stored then
     */
    @Transactional
    public StartedElection start(ElectionRequest request, String tenantId) {
        long id = register(request, tenantId);
        ProcessInstance instance = runtimeService.startProcessInstanceByKey(PROCESS_KEY, request.code(),
                Map.of(ProcessVariables.ELECTION_ID, id));
        return new StartedElection(id, instance.getId());
    }

    /**
     * Validates and stores the election without starting a process (the start form in Tasklist starts it), and
     * creates the groups of its recommending units that do not exist yet, with their rights.
     *
     * @return the new election's id
     * @throws InvalidInputException for a bad field, a bad rule override, a code already in use, or a recommending
     *                               unit's code that a running election gives another name
     */
    @Transactional
    public long register(ElectionRequest request) {
        return register(request, tenants.forRegistration(request.code()));
    }

    private long register(ElectionRequest request, String tenantId) {
        ElectionUnit unit = request.validate(LocalDate.now(ZONE), font::canPrint);
        QuotaRules effective = QuotaRules.defaults().withOverrides(JSON.valueToTree(request.ruleOverrides()));
        if (elections.idOf(unit.code()).isPresent()) {
            throw new InvalidInputException("选举单位配置有误",
                    List.of(new Problem(null, "code", "选举单位代码 " + unit.code() + " 已被使用")));
        }
        sameUnitsWhileRunning(unit.recommendingUnits());
        long id = elections.insert(unit, tenantId);
        rules.register(id, effective, currentUser.id());
        accessSetup.unitGroups(unit.recommendingUnits());
        tenants.register(tenantId, unit.name());
        return id;
    }

    /**
     * A recommending unit's group is keyed by its code ({@code ru-<code>}) and shared by every election that uses
     * the code, so that a unit's users are set up once: while an election that uses a code is running (registered
     * and its process not ended), another election may use that code only for the same unit, under the same name.
     *
     * @throws InvalidInputException naming {@code recommendingUnits[i].name} for every code used otherwise
     */
    private void sameUnitsWhileRunning(List<RecommendingUnit> units) {
        Map<String, String> names = new java.util.HashMap<>();
        units.forEach(ru -> names.put(ru.code(), ru.name()));
        List<Problem> problems = new java.util.ArrayList<>();
        java.util.Set<String> reported = new java.util.HashSet<>();
        for (ElectionRepository.UnitUse use : elections.usesOf(names.keySet())) {
            // of every electoral unit: the codes are shared across units
            boolean running = use.processInstanceId() == null || callerChecked.withoutEngineChecks(() ->
                    runtimeService.createProcessInstanceQuery().processInstanceId(use.processInstanceId()).count() > 0);
            if (running && !use.unitName().equals(names.get(use.unitCode())) && reported.add(use.unitCode())) {
                int index = units.indexOf(units.stream().filter(ru -> ru.code().equals(use.unitCode())).findFirst()
                        .orElseThrow());
                problems.add(new Problem(null, "recommendingUnits[" + index + "].name", "推荐单位代码 "
                        + use.unitCode() + " 已由正在进行的选举 " + use.electionCode() + " 用于“" + use.unitName()
                        + "”：进行中的选举使用同一代码须指同一推荐单位（共用用户组 " + RecommendingUnit.GROUP_PREFIX
                        + use.unitCode() + "），请改用其他代码"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("选举单位配置有误", problems);
        }
    }
}

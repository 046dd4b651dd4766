package org.delegateelection.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;
import org.delegateelection.election.RecommendingUnit;
import org.springframework.http.HttpMethod;

/**
 * Who may do what, written once: the groups of the deciding bodies, the engine authorizations each group gets
 * (webapps, process definitions, history, messages) and the rules of the domain REST API. {@link AccessSetup} creates
 * the authorizations from it, {@link ApiSecurity} enforces the API rules, and the table in docs/access.md is
 * {@link #markdownTable()}. Task rights are not listed here: the engine grants a task's candidate group READ and
 * TASK_WORK (claim, complete; not UPDATE, so not its variables) on that task when the task is created (its default
 * task permission), and nothing on other tasks. No group may update, suspend, modify, migrate or re-time an instance
 * or its jobs: that is for administrators, through Cockpit or {@code /engine-rest} ({@link EngineRestGuard}).
 */
public final class AccessRules {

    /** The organization department: runs the procedure, watches it in Cockpit, may read everything. */
    public static final String ORG_DEPT = "org-dept";
    /** The discipline commission: besides the organization department the only reader of reports and opinions. */
    public static final String DISCIPLINE_COMMISSION = "discipline-commission";
    /** The Central Organization Department: reviews every electoral unit's prospective candidates (step 21). */
    public static final String CENTRAL_ORG_DEPT = "central-org-dept";
    /** Key of the main process. */
    public static final String ELECTION_PROCESS = "delegate-election";
    /** Key of the national procedure, which holds the units' procedures together (decision 0032). */
    public static final String NATIONAL_PROCESS = "national-election";
    /** Key of a recommending unit's nomination process (steps 5 to 7). */
    public static final String NOMINATION_PROCESS = "unit-nomination";
    /** In an API rule: every member of a recommending unit of the election in the path (variable {@code id}). */
    public static final String UNITS_OF_ELECTION = RecommendingUnit.GROUP_PREFIX + "*";
    /**
     * In an API rule: a member of the group of the recommending unit the request's query parameter {@code unit}
     * names, when it is a unit of the election in the path (a unit's group for its own unit only).
     */
    public static final String UNIT_OF_REQUEST = RecommendingUnit.GROUP_PREFIX + "{unit}";
    /** In an API rule: every authenticated user. */
    public static final String ANYONE = "*";

    /** Groups of the deciding bodies (candidate groups of the process, DESIGN §1): id → Chinese name. */
    public static final Map<String, String> BODY_GROUPS = bodyGroups();

    /**
     * The bodies that work for every electoral unit (decision 0030): the Central Organization Department, which
     * consults on and reviews every unit's lists (steps 17, 21), and the national congress's credentials committee,
     * which confirms every unit's delegates (step 25). As groups they are members of every unit's tenant; every
     * other body's user and every recommending unit's user sees only the units he is a member of himself.
     */
    public static final Set<String> CENTRAL_BODIES = Set.of("central-org-dept", "credentials-committee");

    private static final Set<String> AUDIT_READERS = Set.of(ORG_DEPT, DISCIPLINE_COMMISSION);
    /** Who prints the ballots: the congress's secretariat (steps 22, 23) and the plenary committee (step 20). */
    private static final Set<String> BALLOT_PRINTERS = Set.of("congress-secretariat", "plenary-committee");
    private static final Set<String> ROSTER_READERS = Set.of(ORG_DEPT, CENTRAL_ORG_DEPT);
    /** Who reads the support of the branch recommendation: steps 6 and 7 (the unit), step 8 (standing committee). */
    private static final Set<String> SUPPORT_READERS = Set.of(ORG_DEPT, "standing-committee", UNIT_OF_REQUEST);
    private static final Set<String> RESULT_READERS = Set.of(ORG_DEPT, "congress-secretariat",
            "credentials-committee", CENTRAL_ORG_DEPT);

    /**
     * The rules of {@code /api/**}, in the order they are matched; a request no rule matches is refused (403).
     * A new endpoint needs one line here.
     */
    public static final List<ApiRule> API_RULES = List.of(
            new ApiRule(HttpMethod.POST, "/api/elections", Set.of(ORG_DEPT), "登记选举单位并启动流程"),
            new ApiRule(HttpMethod.GET, "/api/elections/{id}", bodiesAndUnits(), "选举单位配置"),
            new ApiRule(HttpMethod.GET, "/api/elections/{id}/candidates", bodiesAndUnits(),
                    "人选库（推荐单位只看到本单位推荐的人选）"),
            new ApiRule(HttpMethod.GET, "/api/elections/{id}/candidates/changes", AUDIT_READERS,
                    "人选库变更记录（谁、何时、因何修改了哪位人选的哪些信息，修改前后的值）"),
            new ApiRule(HttpMethod.POST, "/api/elections/{id}/candidates", Set.of(ORG_DEPT),
                    "导入人选库（修改已决定名单中人选的信息须说明理由 reason）"),
            new ApiRule(HttpMethod.POST, "/api/elections/{id}/recommendations", Set.of(ORG_DEPT, UNIT_OF_REQUEST),
                    "上传党支部推荐情况（推荐单位只能上传本单位的；重新上报基层党委的推荐情况须说明理由 reason）"),
            new ApiRule(HttpMethod.GET, "/api/elections/{id}/recommendations/support", SUPPORT_READERS,
                    "推荐得票情况：参加推荐的党支部和党员、每位人选的推荐党支部数、得票数、得票率和排名（推荐单位只看本单位）"),
            new ApiRule(HttpMethod.GET, "/api/elections/{id}/recommendations/unregistered", Set.of(ORG_DEPT),
                    "获得推荐但尚未入库的人选（供组织部登记入库）"),
            new ApiRule(HttpMethod.GET, "/api/elections/{id}/integrity", AUDIT_READERS,
                    "记录完整性校验（决定的名单、结构比例检查结果、计票结果、纠错的校验链）"),
            new ApiRule(HttpMethod.GET, "/api/elections/{id}/candidate-reports", Set.of(ORG_DEPT,
                    DISCIPLINE_COMMISSION), "信访举报和公示期间反映的问题及核实结论"),
            new ApiRule(HttpMethod.POST, "/api/elections/{id}/candidate-reports", Set.of(ORG_DEPT,
                    DISCIPLINE_COMMISSION), "受理对候选人的举报或公示期间反映的问题"),
            new ApiRule(HttpMethod.GET, "/api/elections/{id}/corrections", AUDIT_READERS,
                    "选票上人选的纠错申请及审核结论"),
            new ApiRule(HttpMethod.POST, "/api/elections/{id}/corrections", Set.of(ORG_DEPT),
                    "提出选票上人选的纠错申请（理由、更正的字段和值），由组织部审核"),
            new ApiRule(HttpMethod.GET, "/api/elections/{id}/quota-reports/latest", BODY_GROUPS.keySet(),
                    "最近一次结构比例检查结果"),
            new ApiRule(HttpMethod.GET, "/api/elections/{id}/composition", BODY_GROUPS.keySet(), "名单构成情况"),
            new ApiRule(HttpMethod.GET, "/api/elections/{id}/rules", bodiesAndUnits(),
                    "本次选举适用的结构比例规则（阈值、检查点、是否硬性、依据和来源）"),
            new ApiRule(HttpMethod.PUT, "/api/elections/{id}/rules/{ruleId}", Set.of(ORG_DEPT, Groups.CAMUNDA_ADMIN),
                    "调整或新增本次选举的结构比例规则（所涉名单确定之前）"),
            new ApiRule(HttpMethod.POST, "/api/elections/{id}/ballots", Set.of("congress-secretariat"),
                    "录入选票（计票人）"),
            new ApiRule(HttpMethod.POST, "/api/elections/{id}/ballots/boxes/{box}", Set.of("congress-secretariat"),
                    "录入一个票箱的选票（计票组 team=1 开箱并登记发出票数 issued，team=2 核对录入）"),
            new ApiRule(HttpMethod.GET, "/api/elections/{id}/ballots/boxes", Set.of("congress-secretariat"),
                    "本轮各票箱的录入情况和两个计票组录入的差异"),
            new ApiRule(HttpMethod.POST, "/api/elections/{id}/ballots/boxes/{box}/settlements",
                    Set.of("congress-secretariat"), "总监票人裁定两个计票组录入的差异（须写明理由）"),
            new ApiRule(HttpMethod.GET, "/api/elections/{id}/ballot-rounds", Set.of(ORG_DEPT, "congress-secretariat",
                    CENTRAL_ORG_DEPT, "credentials-committee"), "各轮计票结果"),
            new ApiRule(HttpMethod.POST, "/api/elections/{id}/plenary-ballots", Set.of("plenary-committee"),
                    "录入全委会表决预备人选的表决票（计票人）"),
            new ApiRule(HttpMethod.POST, "/api/elections/{id}/plenary-ballots/boxes/{box}", Set.of("plenary-committee"),
                    "录入全委会表决一个票箱的表决票（计票组 team=1 开箱并登记发出票数 issued，team=2 核对录入）"),
            new ApiRule(HttpMethod.GET, "/api/elections/{id}/plenary-ballots/boxes", Set.of("plenary-committee",
                    "congress-secretariat"), "全委会表决本轮各票箱的录入情况和两个计票组录入的差异"),
            new ApiRule(HttpMethod.POST, "/api/elections/{id}/plenary-ballots/boxes/{box}/settlements",
                    Set.of("congress-secretariat"), "总监票人裁定全委会表决票两个计票组录入的差异（须写明理由）"),
            new ApiRule(HttpMethod.GET, "/api/elections/{id}/plenary-rounds", Set.of(ORG_DEPT, "plenary-committee",
                    CENTRAL_ORG_DEPT), "全委会表决预备人选各轮计票结果"),
            new ApiRule(HttpMethod.GET, "/api/elections/{id}/ballot", BALLOT_PRINTERS,
                    "一轮投票的选票（候选人按姓氏笔画排列、应选人数、能否另选）"),
            new ApiRule(HttpMethod.GET, "/api/elections/{id}/documents/ballot-paper.pdf", BALLOT_PRINTERS,
                    "选票和表决票（PDF，A4 或 A3，印制用）"),
            new ApiRule(HttpMethod.GET, "/api/elections/{id}/documents/prospective-roster.pdf", ROSTER_READERS,
                    "预备人选名册和登记表（PDF，中央审查）"),
            new ApiRule(HttpMethod.GET, "/api/elections/{id}/documents/prospective-roster.xlsx", ROSTER_READERS,
                    "预备人选名册和登记表（Excel，中央审查）"),
            new ApiRule(HttpMethod.GET, "/api/elections/{id}/documents/election-result.pdf", RESULT_READERS,
                    "选举结果（PDF）"),
            new ApiRule(HttpMethod.GET, "/api/elections/{id}/documents/election-result.xlsx", RESULT_READERS,
                    "选举结果（Excel）"),
            new ApiRule(HttpMethod.GET, "/api/elections/{id}/documents/support.xlsx", SUPPORT_READERS,
                    "推荐得票情况（Excel）"),
            new ApiRule(HttpMethod.GET, "/api/elections/{id}/documents/composition.json", BODY_GROUPS.keySet(),
                    "名单构成情况（JSON）"),
            new ApiRule(HttpMethod.GET, "/api/elections/{id}/documents/composition.xlsx", BODY_GROUPS.keySet(),
                    "名单构成情况（Excel）"),
            new ApiRule(HttpMethod.GET, "/api/elections/{id}/documents/composition.svg", BODY_GROUPS.keySet(),
                    "名单构成情况与结构要求对照图"),
            new ApiRule(HttpMethod.POST, "/api/users", Set.of(ORG_DEPT, Groups.CAMUNDA_ADMIN),
                    "导入本单位人员（账号、姓名、所属机关或推荐单位、电子邮箱），返回新账号的初始密码"),
            new ApiRule(HttpMethod.GET, "/api/users/template.xlsx", Set.of(ORG_DEPT, Groups.CAMUNDA_ADMIN),
                    "人员导入模板（Excel）"),
            new ApiRule(HttpMethod.GET, "/api/users/template.csv", Set.of(ORG_DEPT, Groups.CAMUNDA_ADMIN),
                    "人员导入模板（CSV）"),
            new ApiRule(HttpMethod.POST, "/api/national/elections", Set.of(CENTRAL_ORG_DEPT),
                    "下发中央通知，启动全国代表选举（代表名额总数、选举单位数、截止日期、进度检查日、结构要求）"),
            new ApiRule(HttpMethod.POST, "/api/national/elections/{code}/allocation", Set.of(CENTRAL_ORG_DEPT),
                    "导入各选举单位代表名额分配表（CSV 或 Excel；名额分配任务办理之前）"),
            new ApiRule(HttpMethod.GET, "/api/national/elections/{code}", Set.of(CENTRAL_ORG_DEPT,
                    "credentials-committee", Groups.CAMUNDA_ADMIN),
                    "全国代表选举：中央通知和各选举单位的进度（待办步骤、是否选出和上报、代表资格是否确认）"),
            new ApiRule(HttpMethod.GET, "/api/national/roll-up", Set.of(CENTRAL_ORG_DEPT, "credentials-committee",
                    Groups.CAMUNDA_ADMIN), "全国汇总：各选举单位当选（或资格确认）代表的构成，及未达到中央要求的选举单位"),
            new ApiRule(HttpMethod.GET, "/api/national/documents/delegates.xlsx", Set.of(CENTRAL_ORG_DEPT,
                    "credentials-committee", Groups.CAMUNDA_ADMIN), "全国代表名单（Excel，按姓氏笔画为序，同名注明选举单位）"),
            new ApiRule(HttpMethod.GET, "/api/national/documents/delegates.pdf", Set.of(CENTRAL_ORG_DEPT,
                    "credentials-committee", Groups.CAMUNDA_ADMIN), "全国代表名单（PDF，按姓氏笔画为序，同名注明选举单位）"),
            new ApiRule(HttpMethod.GET, "/api/national/documents/composition.svg", Set.of(CENTRAL_ORG_DEPT,
                    "credentials-committee", Groups.CAMUNDA_ADMIN), "全国当选（或资格确认）代表的构成与中央结构要求对照图"),
            new ApiRule(HttpMethod.GET, "/api/calendar/working-days", Set.of(ANYONE), "工作日计算"),
            new ApiRule(HttpMethod.GET, "/api/calendar/years", Set.of(ANYONE),
                    "工作日历包含的年份及其来源（随程序提供或录入，录入人和时间），缺少下一年时的提醒"),
            new ApiRule(HttpMethod.PUT, "/api/calendar/years/{year}", Set.of(ORG_DEPT, Groups.CAMUNDA_ADMIN),
                    "录入或更正一年的节假日安排（国务院办公厅通知），重新计算受影响的公示期满时间"));

    private AccessRules() {
    }

    /**
     * One rule of the domain REST API.
     *
     * @param method      the HTTP method
     * @param pattern     the path, Spring's path pattern syntax
     * @param groups      the groups allowed; {@link #UNITS_OF_ELECTION}, {@link #UNIT_OF_REQUEST} and {@link #ANYONE}
     *                    as described there
     * @param description what the endpoint gives, in Chinese (the table in docs/access.md)
     */
    public record ApiRule(HttpMethod method, String pattern, Set<String> groups, String description) {
    }

    /**
     * One engine authorization granted to a group.
     *
     * @param resource    the engine resource, e.g. {@link Resources#PROCESS_DEFINITION}
     * @param resourceId  its id, or {@code *} for all
     * @param permissions what is granted
     */
    public record Grant(Resource resource, String resourceId, List<Permission> permissions) {
    }

    /** The engine authorizations of a body group or of a recommending unit's group ({@code ru-…}). */
    public static List<Grant> grantsOf(String groupId) {
        List<Grant> grants = new ArrayList<>();
        grants.add(new Grant(Resources.APPLICATION, "tasklist", List.of(Permissions.ACCESS)));
        if (CENTRAL_BODIES.contains(groupId)) {
            // Cockpit's page 全国代表选举 (the national view); what it shows comes from /api/national/…
            grants.add(new Grant(Resources.APPLICATION, "cockpit", List.of(Permissions.ACCESS)));
        }
        if (groupId.startsWith(RecommendingUnit.GROUP_PREFIX)) {
            grants.add(new Grant(Resources.PROCESS_DEFINITION, NOMINATION_PROCESS,
                    List.of(ProcessDefinitionPermissions.READ)));
            return grants;
        }
        if (ORG_DEPT.equals(groupId)) {
            grants.add(new Grant(Resources.APPLICATION, "cockpit", List.of(Permissions.ACCESS)));
            List<Permission> operate = List.of(ProcessDefinitionPermissions.READ,
                    ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                    ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.CREATE_INSTANCE);
            grants.add(new Grant(Resources.PROCESS_DEFINITION, ELECTION_PROCESS, operate));
            grants.add(new Grant(Resources.PROCESS_DEFINITION, NOMINATION_PROCESS, operate));
            grants.add(new Grant(Resources.PROCESS_INSTANCE, "*", List.of(ProcessInstancePermissions.CREATE)));
            grants.add(new Grant(Resources.DEPLOYMENT, "*", List.of(Permissions.READ)));
            grants.add(new Grant(Resources.OPERATION_LOG_CATEGORY, "*",
                    List.of(UserOperationLogCategoryPermissions.READ)));
            return grants;
        }
        if (DISCIPLINE_COMMISSION.equals(groupId)) {
            // supervises the election: reads the election's instances, their history and the audit view in Cockpit
            grants.add(new Grant(Resources.APPLICATION, "cockpit", List.of(Permissions.ACCESS)));
            grants.add(new Grant(Resources.PROCESS_DEFINITION, ELECTION_PROCESS, List.of(
                    ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
                    ProcessDefinitionPermissions.READ_HISTORY)));
            grants.add(new Grant(Resources.OPERATION_LOG_CATEGORY, "*",
                    List.of(UserOperationLogCategoryPermissions.READ)));
            return grants;
        }
        if (CENTRAL_ORG_DEPT.equals(groupId)) {
            // reviews every unit's prospective candidates from one queue: its cards show each instance's unit
            grants.add(new Grant(Resources.PROCESS_DEFINITION, ELECTION_PROCESS, List.of(
                    ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE)));
            grants.add(new Grant(Resources.PROCESS_DEFINITION, NATIONAL_PROCESS, List.of(
                    ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE)));
            return grants;
        }
        grants.add(new Grant(Resources.PROCESS_DEFINITION, ELECTION_PROCESS,
                List.of(ProcessDefinitionPermissions.READ)));
        if (CENTRAL_BODIES.contains(groupId)) {
            // the credentials committee confirms several units at once in the national procedure
            grants.add(new Grant(Resources.PROCESS_DEFINITION, NATIONAL_PROCESS, List.of(
                    ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE)));
        }
        return grants;
    }

    /**
     * Whether a member of {@code callerGroups} may call the rule's endpoint, given the unit groups the rule's unit
     * marker stands for in this request: every unit's of the election ({@link #UNITS_OF_ELECTION}), or the group of
     * the unit the request names ({@link #UNIT_OF_REQUEST}).
     */
    static boolean allows(ApiRule rule, Set<String> callerGroups, Set<String> unitGroupsOfElection) {
        for (String group : rule.groups()) {
            if (ANYONE.equals(group) || callerGroups.contains(group)
                    || (UNITS_OF_ELECTION.equals(group) || UNIT_OF_REQUEST.equals(group))
                    && unitGroupsOfElection.stream().anyMatch(callerGroups::contains)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The table of rights (docs/access.md), one row per body group and one for the recommending units: Camunda
     * webapps, process definitions, tasks, and the domain API.
     */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder(
                "| group | electoral units | webapps | process definitions (engine permissions) | tasks | /api |\n"
                        + "|---|---|---|---|---|---|\n");
        Map<String, String> rows = new LinkedHashMap<>(BODY_GROUPS);
        rows.put(RecommendingUnit.GROUP_PREFIX + "<code>", "推荐单位党委（每次选举登记时创建）");
        rows.forEach((group, name) -> {
            List<Grant> grants = grantsOf(group);
            table.append("| ").append(group).append(' ').append(name).append(" | ")
                    .append(CENTRAL_BODIES.contains(group) ? "every unit (the group is a member of every tenant)"
                            : "the units its user is a member of")
                    .append(" | ")
                    .append(grants.stream().filter(g -> g.resource() == Resources.APPLICATION)
                            .map(Grant::resourceId).collect(Collectors.joining(", ")))
                    .append(" | ")
                    .append(grants.stream().filter(g -> g.resource() != Resources.APPLICATION)
                            .map(g -> g.resource().resourceName() + " " + g.resourceId() + ": " + g.permissions()
                                    .stream().map(Permission::getName).collect(Collectors.joining(", ")))
                            .collect(Collectors.joining("; ")))
                    .append(" | ")
                    .append(group.startsWith(RecommendingUnit.GROUP_PREFIX) ? "its unit's tasks (steps 5–7)"
                            : ORG_DEPT.equals(group) ? "its own, and reads every task of both processes"
                            : "its own (candidate group)")
                    .append(" | ")
                    .append(API_RULES.stream().filter(rule -> allows(rule, Set.of(group),
                                    Set.of(group))).map(rule -> rule.method() + " " + rule.pattern())
                            .collect(Collectors.joining("<br>")))
                    .append(" |\n");
        });
        return table.toString();
    }

    private static Set<String> bodiesAndUnits() {
        Set<String> groups = new LinkedHashSet<>(BODY_GROUPS.keySet());
        groups.add(UNITS_OF_ELECTION);
        return Collections.unmodifiableSet(groups);
    }

    private static Map<String, String> bodyGroups() {
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put(ORG_DEPT, "组织部");
        groups.put("standing-committee", "常委会");
        groups.put("plenary-committee", "全委会");
        groups.put(DISCIPLINE_COMMISSION, "纪委监委");
        groups.put("inspection-team", "考察组");
        groups.put(CENTRAL_ORG_DEPT, "中央组织部");
        groups.put("congress-secretariat", "大会秘书处");
        groups.put("credentials-committee", "代表资格审查委员会");
        return Collections.unmodifiableMap(groups);
    }
}

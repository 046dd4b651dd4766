package org.delegateelection.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.spring.boot.starter.event.PostDeployEvent;
import org.delegateelection.election.RecommendingUnit;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates what {@link AccessRules} describes, in every profile, once the process application is deployed: the body
 * groups, their engine authorizations, the administrators' group and the Tasklist filters with their read
 * authorizations; and, when an election is registered, its recommending units' groups. Running it again creates
 * nothing twice; a body's existing grant is set to exactly the permissions {@link AccessRules} gives (a database of
 * an earlier version loses what it no longer grants, e.g. UPDATE_INSTANCE), and the task grants an earlier version
 * made (UPDATE) become TASK_WORK.
 */
@Component
@Transactional
public class AccessSetup {

    /** Name of the filter of the tasks assigned to the current user. */
    public static final String MY_TASKS = "我的任务";
    /** Name of the default filter: unclaimed tasks of the current user's groups. */
    public static final String GROUP_TASKS = "我所在组的任务";
    /** Name of the organization department's filter of every task of the delegate election. */
    public static final String ELECTION_TASKS = "全部选举任务";
    /**
     * Name of the Central Organization Department's review queue: the central reviews (step 21) of every electoral
     * unit, oldest first.
     */
    public static final String CENTRAL_REVIEWS = "待审查的预备人选";

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final FilterService filterService;
    private final TaskService taskService;

    /** Uses the engine's services; creates nothing until an event or a registration calls it. */
    public AccessSetup(IdentityService identityService, AuthorizationService authorizationService,
            FilterService filterService, TaskService taskService) {
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.filterService = filterService;
        this.taskService = taskService;
    }

    /** Creates what is absent once the process application is deployed (before the demo or production checks). */
    @EventListener
    @Order(0)
    public void onPostDeploy(PostDeployEvent event) {
        createIfAbsent();
    }

    /** Creates every body group, its grants, the admin group and the filters that do not exist yet. */
    public void createIfAbsent() {
        AccessRules.BODY_GROUPS.forEach(this::groupWithGrants);
        identityService.createGroupQuery().list().stream().map(Group::getId)
                .filter(id -> id.startsWith(RecommendingUnit.GROUP_PREFIX))
                .forEach(id -> groupWithGrants(id, null));
        taskWorkOnly();
        group(Groups.CAMUNDA_ADMIN, "系统管理员", Groups.GROUP_TYPE_SYSTEM);
        // what Camunda's own first-user setup gives the administrators: every permission on every resource type
        for (Resources resource : Resources.values()) {
            grant(null, Groups.CAMUNDA_ADMIN, resource, Authorization.ANY, List.of(Permissions.ALL));
        }
        Filter groupTasks = filter(GROUP_TASKS, -10, "我所在组尚未认领的任务，认领后转入“我的任务”",
                taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
                        .taskUnassigned(), ELECTION, UNIT);
        Filter myTasks = filter(MY_TASKS, -5, "已分配给我的任务",
                taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"), ELECTION, UNIT);
        Filter electionTasks = filter(ELECTION_TASKS, 0, "代表选举及各推荐单位推荐提名的全部待办任务，供组织部掌握进度",
                taskService.createTaskQuery().processDefinitionKeyIn(AccessRules.ELECTION_PROCESS,
                        AccessRules.NOMINATION_PROCESS), ELECTION, UNIT);
        Filter centralReviews = filter(CENTRAL_REVIEWS, 5, "各选举单位报来的预备人选，按报送先后排列；表单中有预备人选名单、"
                        + "结构比例检查结果和差额比例", taskService.createTaskQuery()
                        .processDefinitionKey(AccessRules.ELECTION_PROCESS).taskDefinitionKey("centralReview")
                        .orderByTaskCreateTime().asc(),
                Map.of("name", "electionName", "label", "选举单位"), Map.of("name", "seats", "label", "代表名额"));
        grant(Authorization.ANY, null, Resources.FILTER, groupTasks.getId(), List.of(Permissions.READ));
        grant(Authorization.ANY, null, Resources.FILTER, myTasks.getId(), List.of(Permissions.READ));
        grant(null, AccessRules.ORG_DEPT, Resources.FILTER, electionTasks.getId(), List.of(Permissions.READ));
        grant(null, AccessRules.CENTRAL_ORG_DEPT, Resources.FILTER, centralReviews.getId(), List.of(Permissions.READ));
    }

    /**
     * Creates the groups of an election's recommending units ({@code ru-<code>}, named "<unit>党委") with their
     * grants, when absent; a group that exists under another name (its code was used by an election that has
     * ended) takes the new name. Runs with the engine's checks of the caller lifted: registering an election (allowed to
     * the organization department by {@link AccessRules#API_RULES}) brings its groups along.
     */
    public void unitGroups(Collection<RecommendingUnit> units) {
        Authentication caller = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            for (RecommendingUnit unit : units) {
                Group existing = identityService.createGroupQuery().groupId(unit.groupId()).singleResult();
                if (existing != null && !existing.getName().equals(unit.name() + "党委")) {
                    existing.setName(unit.name() + "党委");
                    identityService.saveGroup(existing);
                }
                groupWithGrants(unit.groupId(), unit.name() + "党委");
            }
        } finally {
            if (caller != null) {
                identityService.setAuthentication(caller);
            }
        }
    }

    /** The group (created when absent, with this name) and exactly the grants {@link AccessRules} gives it. */
    private void groupWithGrants(String groupId, String name) {
        group(groupId, name, Groups.GROUP_TYPE_WORKFLOW);
        for (AccessRules.Grant grant : AccessRules.grantsOf(groupId)) {
            grant(null, groupId, grant.resource(), grant.resourceId(), grant.permissions());
        }
        for (Authorization authorization : authorizationService.createAuthorizationQuery().groupIdIn(groupId)
                .resourceType(Resources.PROCESS_DEFINITION).list()) {
            List<Permission> granted = AccessRules.grantsOf(groupId).stream()
                    .filter(g -> g.resource() == Resources.PROCESS_DEFINITION
                            && g.resourceId().equals(authorization.getResourceId()))
                    .flatMap(g -> g.permissions().stream()).toList();
            boolean exact = Arrays.stream(ProcessDefinitionPermissions.values())
                    .filter(p -> p != ProcessDefinitionPermissions.NONE && p != ProcessDefinitionPermissions.ALL)
                    .allMatch(p -> authorization.isPermissionGranted(p) == granted.contains(p));
            if (!exact) {
                authorization.setPermissions(granted.toArray(Permission[]::new));
                authorizationService.saveAuthorization(authorization);
            }
        }
    }

    /**
     * The task grants an earlier version made for candidate groups and assignees (UPDATE, which lets the holder
     * change the task and its variables) become what the engine grants now: READ and TASK_WORK.
     */
    private void taskWorkOnly() {
        for (Authorization authorization : authorizationService.createAuthorizationQuery()
                .resourceType(Resources.TASK).hasPermission(Permissions.UPDATE).list()) {
            if (authorization.getAuthorizationType() != Authorization.AUTH_TYPE_GRANT
                    || Groups.CAMUNDA_ADMIN.equals(authorization.getGroupId())) {
                continue;
            }
            authorization.removePermission(Permissions.UPDATE);
            authorization.addPermission(TaskPermissions.TASK_WORK);
            authorizationService.saveAuthorization(authorization);
        }
    }

    private void group(String id, String name, String type) {
        if (name != null && identityService.createGroupQuery().groupId(id).count() == 0) {
            Group group = identityService.newGroup(id);
            group.setName(name);
            group.setType(type);
            identityService.saveGroup(group);
        }
    }

    /** A global grant ({@code userId} {@link Authorization#ANY}) or a group's grant, with the missing permissions. */
    private void grant(String userId, String groupId, Resource resource, String resourceId,
            List<Permission> permissions) {
        var query = authorizationService.createAuthorizationQuery().resourceType(resource).resourceId(resourceId);
        Authorization authorization = (groupId != null ? query.groupIdIn(groupId)
                : query.authorizationType(Authorization.AUTH_TYPE_GLOBAL)).singleResult();
        if (authorization == null) {
            authorization = authorizationService.createNewAuthorization(
                    groupId != null ? Authorization.AUTH_TYPE_GRANT : Authorization.AUTH_TYPE_GLOBAL);
            authorization.setGroupId(groupId);
            authorization.setUserId(userId);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        } else if (permissions.stream().allMatch(authorization::isPermissionGranted)) {
            return;
        }
        permissions.forEach(authorization::addPermission);
        authorizationService.saveAuthorization(authorization);
    }

    /** A variable a filter shows on each task in Tasklist: the election's name. */
    private static final Map<String, String> ELECTION = Map.of("name", "electionName", "label", "选举");
    /** A variable a filter shows on each task in Tasklist: the recommending unit. */
    private static final Map<String, String> UNIT = Map.of("name", "unitCode", "label", "推荐单位");

    /**
     * The task filter of this name, created with the given Tasklist order, description and the variables shown on
     * each task when absent.
     */
    @SafeVarargs
    private Filter filter(String name, int priority, String description, TaskQuery query,
            Map<String, String>... variables) {
        Filter existing = filterService.createFilterQuery().filterName(name).singleResult();
        if (existing != null) {
            return existing;
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("description", description);
        properties.put("priority", priority);
        properties.put("refresh", true);
        properties.put("variables", List.of(variables));
        return filterService.saveFilter(filterService.newTaskFilter(name).setProperties(properties).setQuery(query));
    }
}

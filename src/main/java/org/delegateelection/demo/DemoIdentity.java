package org.delegateelection.demo;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.AuthorizationQuery;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.spring.boot.starter.event.PostDeployEvent;
import org.delegateelection.election.RecommendingUnit;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Demo profile: creates, when absent, the groups of the deciding bodies and of the handbook election's recommending
 * units, one demo user per group (password {@value #PASSWORD}), and the Tasklist filters with their read
 * authorizations. Runs after the process application is deployed; running it again creates nothing twice.
 */
@Component
@Profile("demo")
@Transactional
public class DemoIdentity {

    /** The password of every demo user. */
    public static final String PASSWORD = "demo";

    /** Groups of the deciding bodies (candidate groups of the process): id → Chinese name. */
    public static final Map<String, String> BODY_GROUPS = bodyGroups();

    /** The demo users, one per group; the org-dept user is also in {@value Groups#CAMUNDA_ADMIN}. */
    public static final List<DemoUser> USERS = List.of(
            new DemoUser("zhangwei", "张", "伟", "org-dept"),
            new DemoUser("wangjun", "王", "军", "standing-committee"),
            new DemoUser("lixiuying", "李", "秀英", "plenary-committee"),
            new DemoUser("zhaoqiang", "赵", "强", "discipline-commission"),
            new DemoUser("chenjing", "陈", "静", "inspection-team"),
            new DemoUser("yangfan", "杨", "帆", "central-org-dept"),
            new DemoUser("huangli", "黄", "丽", "congress-secretariat"),
            new DemoUser("zhoumin", "周", "敏", "credentials-committee"),
            new DemoUser("wuhao", "吴", "浩", "ru-city01"),
            new DemoUser("xulei", "徐", "磊", "ru-city02"),
            new DemoUser("sunping", "孙", "萍", "ru-city03"),
            new DemoUser("zhuhong", "朱", "红", "ru-city04"),
            new DemoUser("maxiaodong", "马", "晓东", "ru-city05"),
            new DemoUser("hulin", "胡", "琳", "ru-city06"),
            new DemoUser("guojian", "郭", "健", "ru-city07"),
            new DemoUser("heyan", "何", "燕", "ru-city08"),
            new DemoUser("linfeng", "林", "峰", "ru-city09"),
            new DemoUser("gaoyue", "高", "月", "ru-city10"),
            new DemoUser("luoming", "罗", "明", "ru-city11"),
            new DemoUser("zhengtao", "郑", "涛", "ru-city12"),
            new DemoUser("liangqing", "梁", "青", "ru-city13"),
            new DemoUser("songjia", "宋", "佳", "ru-organs"),
            new DemoUser("tangchao", "唐", "超", "ru-universities"),
            new DemoUser("hanxue", "韩", "雪", "ru-enterprises"),
            new DemoUser("fengkai", "冯", "凯", "ru-affiliated"));

    /** Name of the filter of the tasks assigned to the current user. */
    public static final String MY_TASKS = "我的任务";
    /** Name of the default filter: unclaimed tasks of the current user's groups. */
    public static final String GROUP_TASKS = "我所在组的任务";
    /** Name of the organization department's filter of every task of the delegate election. */
    public static final String ELECTION_TASKS = "全部选举任务";

    private static final String ORG_DEPT = "org-dept";

    private final IdentityService identityService;
    private final FilterService filterService;
    private final AuthorizationService authorizationService;
    private final TaskService taskService;

    /** Uses the engine's services; creates nothing until {@link #createIfAbsent()} runs. */
    public DemoIdentity(IdentityService identityService, FilterService filterService,
                        AuthorizationService authorizationService, TaskService taskService) {
        this.identityService = identityService;
        this.filterService = filterService;
        this.authorizationService = authorizationService;
        this.taskService = taskService;
    }

    /** Creates what is absent once the process application is deployed. */
    @EventListener
    public void onPostDeploy(PostDeployEvent event) {
        createIfAbsent();
    }

    /**
     * Creates every group, user, membership, filter and filter authorization that does not exist yet, in one
     * transaction; existing ones are left as they are.
     */
    public void createIfAbsent() {
        BODY_GROUPS.forEach((id, name) -> group(id, name, Groups.GROUP_TYPE_WORKFLOW));
        for (RecommendingUnit unit : new HandbookElection().unit().recommendingUnits()) {
            group(unit.groupId(), unit.name() + "党委", Groups.GROUP_TYPE_WORKFLOW);
        }
        group(Groups.CAMUNDA_ADMIN, "系统管理员", Groups.GROUP_TYPE_SYSTEM);
        for (DemoUser demoUser : USERS) {
            user(demoUser);
            membership(demoUser.id(), demoUser.groupId());
        }
        USERS.stream().filter(u -> u.groupId().equals(ORG_DEPT))
                .forEach(u -> membership(u.id(), Groups.CAMUNDA_ADMIN));

        Filter groupTasks = filter(GROUP_TASKS, -10, "我所在组尚未认领的任务，认领后转入“我的任务”",
                taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
                        .taskUnassigned());
        Filter myTasks = filter(MY_TASKS, -5, "已分配给我的任务",
                taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
        Filter electionTasks = filter(ELECTION_TASKS, 0, "代表选举及各推荐单位推荐提名的全部待办任务，供组织部掌握进度",
                taskService.createTaskQuery().processDefinitionKeyIn("delegate-election", "unit-nomination"));
        readableByEveryone(groupTasks);
        readableByEveryone(myTasks);
        readableByGroup(electionTasks, ORG_DEPT);
    }

    private static Map<String, String> bodyGroups() {
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put(ORG_DEPT, "组织部");
        groups.put("standing-committee", "常委会");
        groups.put("plenary-committee", "全委会");
        groups.put("discipline-commission", "纪委监委");
        groups.put("inspection-team", "考察组");
        groups.put("central-org-dept", "中央组织部");
        groups.put("congress-secretariat", "大会秘书处");
        groups.put("credentials-committee", "代表资格审查委员会");
        return Collections.unmodifiableMap(groups);
    }

    private void group(String id, String name, String type) {
        if (identityService.createGroupQuery().groupId(id).count() == 0) {
            Group group = identityService.newGroup(id);
            group.setName(name);
            group.setType(type);
            identityService.saveGroup(group);
        }
    }

    private void user(DemoUser demoUser) {
        if (identityService.createUserQuery().userId(demoUser.id()).count() == 0) {
            User user = identityService.newUser(demoUser.id());
            // The webapps show "first name, space, last name": the whole name goes first, as Chinese writes it.
            user.setFirstName(demoUser.fullName());
            user.setLastName("");
            user.setPassword(PASSWORD);
            identityService.saveUser(user);
        }
    }

    private void membership(String userId, String groupId) {
        if (identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
            identityService.createMembership(userId, groupId);
        }
    }

    /** The task filter of this name, created with the given Tasklist order and description when absent. */
    private Filter filter(String name, int priority, String description, TaskQuery query) {
        Filter existing = filterService.createFilterQuery().filterName(name).singleResult();
        if (existing != null) {
            return existing;
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("description", description);
        properties.put("priority", priority);
        properties.put("refresh", true);
        properties.put("variables", List.of(
                Map.of("name", "electionName", "label", "选举"),
                Map.of("name", "unitCode", "label", "推荐单位")));
        return filterService.saveFilter(filterService.newTaskFilter(name).setProperties(properties).setQuery(query));
    }

    private void readableByEveryone(Filter filter) {
        if (filterReadAuthorizations(filter).authorizationType(Authorization.AUTH_TYPE_GLOBAL).count() == 0) {
            Authorization authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
            authorization.setUserId(Authorization.ANY);
            grantRead(authorization, filter);
        }
    }

    private void readableByGroup(Filter filter, String groupId) {
        if (filterReadAuthorizations(filter).groupIdIn(groupId).count() == 0) {
            Authorization authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            authorization.setGroupId(groupId);
            grantRead(authorization, filter);
        }
    }

    private AuthorizationQuery filterReadAuthorizations(Filter filter) {
        return authorizationService.createAuthorizationQuery().resourceType(Resources.FILTER).resourceId(filter.getId());
    }

    private void grantRead(Authorization authorization, Filter filter) {
        authorization.setResource(Resources.FILTER);
        authorization.setResourceId(filter.getId());
        authorization.addPermission(Permissions.READ);
        authorizationService.saveAuthorization(authorization);
    }

    /**
     * A demo user.
     *
     * @param id        login id, the name in pinyin
     * @param lastName  surname in Chinese
     * @param firstName given name in Chinese
     * @param groupId   the group the user belongs to
     */
    public record DemoUser(String id, String lastName, String firstName, String groupId) {

        /** Surname followed by given name, e.g. "张伟". */
        public String fullName() {
            return lastName + firstName;
        }
    }
}

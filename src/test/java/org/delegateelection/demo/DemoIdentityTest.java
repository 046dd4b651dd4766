package org.delegateelection.demo;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.delegateelection.demo.DemoIdentity.DemoUser;
import org.delegateelection.election.RecommendingUnit;
import org.delegateelection.security.AccessRules;
import org.delegateelection.security.AccessSetup;
import org.delegateelection.security.ProductionIdentity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DirtiesContext
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:demo-identity;DB_CLOSE_DELAY=-1")
@ActiveProfiles("demo")
class DemoIdentityTest {

    private static final String CHINESE = "\\p{IsHan}+";

    @Autowired
    private DemoIdentity demoIdentity;
    @Autowired
    private IdentityService identityService;
    @Autowired
    private FilterService filterService;
    @Autowired
    private AuthorizationService authorizationService;
    @Autowired
    private RepositoryService repositoryService;
    @Autowired
    private RuntimeService runtimeService;
    @Autowired
    private TaskService taskService;

    @Test
    void bodyAndUnitGroupsExistWithChineseNamesAndMembers() {
        for (Map.Entry<String, String> body : AccessRules.BODY_GROUPS.entrySet()) {
            assertGroup(body.getKey(), body.getValue());
        }
        assertThat(AccessRules.BODY_GROUPS).hasSize(8).containsEntry("org-dept", "组织部")
                .containsEntry("credentials-committee", "代表资格审查委员会");
        for (RecommendingUnit unit : new HandbookElection().unit().recommendingUnits()) {
            assertGroup(unit.groupId(), unit.name() + "党委");
        }
    }

    @Test
    void demoUsersHaveChineseNamesAndLogInWithDemo() {
        for (DemoUser demoUser : DemoIdentity.USERS) {
            User user = identityService.createUserQuery().userId(demoUser.id()).singleResult();
            assertThat(user).as(demoUser.id()).isNotNull();
            // Tasklist, Cockpit and Admin print "firstName lastName": "张伟", not "伟 张"
            assertThat(user.getFirstName()).matches(CHINESE).isEqualTo(demoUser.fullName())
                    .startsWith(demoUser.lastName());
            assertThat(user.getLastName()).isEmpty();
            assertThat(identityService.checkPassword(demoUser.id(), "demo")).as(demoUser.id()).isTrue();
            assertThat(identityService.createUserQuery().userId(demoUser.id()).memberOfGroup(demoUser.groupId())
                    .count()).as(demoUser.id()).isEqualTo(1);
            // marked, so that a start without the demo profile on this database refuses the user
            assertThat(identityService.getUserInfo(demoUser.id(), ProductionIdentity.DEMO_USER_INFO))
                    .as(demoUser.id()).isEqualTo("true");
        }
        assertThat(DemoIdentity.USERS.stream().map(DemoUser::id).distinct()).hasSize(DemoIdentity.USERS.size());
    }

    @Test
    void orgDeptUserMayOpenAdmin() {
        assertThat(identityService.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).list())
                .extracting(User::getId)
                .containsExactly(DemoIdentity.USERS.stream()
                        .filter(u -> u.groupId().equals("org-dept")).map(DemoUser::id).toArray(String[]::new));
    }

    @Test
    void groupFilterComesFirstAndFiltersCarryDescriptionsAndReadAuthorizations() {
        Filter group = filter(AccessSetup.GROUP_TASKS);
        Filter mine = filter(AccessSetup.MY_TASKS);
        Filter election = filter(AccessSetup.ELECTION_TASKS);
        Filter reviews = filter(AccessSetup.CENTRAL_REVIEWS);

        for (Filter filter : List.of(group, mine, election, reviews)) {
            assertThat(filter.getResourceType()).isEqualTo("Task");
            assertThat((String) filter.getProperties().get("description")).containsPattern("\\p{IsHan}");
        }
        assertThat(priority(group)).isLessThan(priority(mine)).isLessThan(priority(election));
        assertThat(readAuthorization(group).getAuthorizationType()).isEqualTo(Authorization.AUTH_TYPE_GLOBAL);
        assertThat(readAuthorization(mine).getAuthorizationType()).isEqualTo(Authorization.AUTH_TYPE_GLOBAL);
        assertThat(readAuthorization(election).getGroupId()).isEqualTo("org-dept");
        assertThat(readAuthorization(reviews).getGroupId()).isEqualTo(AccessRules.CENTRAL_ORG_DEPT);
    }

    @Test
    void filtersShowEachUserTheirTasks() {
        // the demo profile has started the handbook election: step 1 waits for org-dept
        String deployment = repositoryService.createDeployment()
                .addModelInstance("unit-task.bpmn", oneTask("unit-task", "ru-city01"))
                .addModelInstance("other.bpmn", oneTask("other-process", "org-dept"))
                .deploy().getId();
        try {
            runtimeService.startProcessInstanceByKey("unit-task");
            runtimeService.startProcessInstanceByKey("other-process");

            assertThat(countAs("zhangwei", AccessSetup.GROUP_TASKS)).isEqualTo(2);
            assertThat(countAs("zhangwei", AccessSetup.ELECTION_TASKS)).isEqualTo(1);
            assertThat(countAs("wuhao", AccessSetup.GROUP_TASKS)).isEqualTo(1);
            assertThat(countAs("wangjun", AccessSetup.GROUP_TASKS)).isZero();

            String task = taskService.createTaskQuery().processDefinitionKey("delegate-election").singleResult().getId();
            taskService.claim(task, "zhangwei");

            assertThat(countAs("zhangwei", AccessSetup.MY_TASKS)).isEqualTo(1);
            assertThat(countAs("zhangwei", AccessSetup.GROUP_TASKS)).isEqualTo(1);
            taskService.setAssignee(task, null);
        } finally {
            repositoryService.deleteDeployment(deployment, true);
        }
    }

    @Test
    void runningAgainCreatesNothingTwice() {
        long users = identityService.createUserQuery().count();
        long groups = identityService.createGroupQuery().count();
        long memberships = memberships();
        long filters = filterService.createFilterQuery().count();
        long authorizations = authorizationService.createAuthorizationQuery().count();

        demoIdentity.createIfAbsent();

        assertThat(identityService.createUserQuery().count()).isEqualTo(users).isEqualTo(DemoIdentity.USERS.size());
        assertThat(identityService.createGroupQuery().count()).isEqualTo(groups);
        assertThat(memberships()).isEqualTo(memberships);
        assertThat(filterService.createFilterQuery().count()).isEqualTo(filters).isEqualTo(4);
        assertThat(authorizationService.createAuthorizationQuery().count()).isEqualTo(authorizations);
    }

    private void assertGroup(String id, String name) {
        Group group = identityService.createGroupQuery().groupId(id).singleResult();
        assertThat(group).as(id).isNotNull();
        assertThat(group.getName()).isEqualTo(name);
        assertThat(group.getType()).isEqualTo(Groups.GROUP_TYPE_WORKFLOW);
        assertThat(identityService.createUserQuery().memberOfGroup(id).count()).as(id).isPositive();
    }

    private long memberships() {
        return identityService.createGroupQuery().list().stream()
                .mapToLong(g -> identityService.createUserQuery().memberOfGroup(g.getId()).count())
                .sum();
    }

    private Filter filter(String name) {
        Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
        assertThat(filter).as(name).isNotNull();
        return filter;
    }

    private static int priority(Filter filter) {
        return ((Number) filter.getProperties().get("priority")).intValue();
    }

    private Authorization readAuthorization(Filter filter) {
        Authorization authorization = authorizationService.createAuthorizationQuery()
                .resourceType(Resources.FILTER).resourceId(filter.getId()).singleResult();
        assertThat(authorization).as(filter.getName()).isNotNull();
        assertThat(authorization.isPermissionGranted(Permissions.READ)).isTrue();
        return authorization;
    }

    private long countAs(String userId, String filterName) {
        List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId).toList();
        identityService.setAuthentication(userId, groups);
        try {
            return filterService.count(filter(filterName).getId());
        } finally {
            identityService.clearAuthentication();
        }
    }

    private static BpmnModelInstance oneTask(String key, String candidateGroup) {
        return Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
                .startEvent()
                .userTask("task").camundaCandidateGroups(candidateGroup)
                .endEvent()
                .done();
    }
}

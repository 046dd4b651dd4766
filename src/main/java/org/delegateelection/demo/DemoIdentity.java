package org.delegateelection.demo;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.spring.boot.starter.event.PostDeployEvent;
import org.delegateelection.election.ElectionUnit;
import org.delegateelection.election.RecommendingUnit;
import org.delegateelection.security.AccessRules;
import org.delegateelection.security.AccessSetup;
import org.delegateelection.security.ProductionIdentity;
import org.delegateelection.security.UnitTenants;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Demo profile: creates, when absent, the groups of the handbook election's recommending units and one demo user per
 * group (password {@value #PASSWORD}), each a member of the handbook province's electoral unit (its tenant
 * {@code handbook-province}) except the central bodies' users, who see every unit through their groups; the body
 * groups, their rights and the filters come from {@link AccessSetup}. The bodies of any other unit are generated
 * ({@link #unitBodies}). Runs after the process application is deployed; running it again creates nothing twice.
 */
@Component
@Profile("demo")
@Transactional
public class DemoIdentity {

    /** The password of every demo user. */
    public static final String PASSWORD = "demo";

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

    private static final String ORG_DEPT = AccessRules.ORG_DEPT;

    private final IdentityService identityService;
    private final AccessSetup accessSetup;
    private final UnitTenants tenants;

    /** Uses the engine's identity service; creates nothing until {@link #createIfAbsent()} runs. */
    public DemoIdentity(IdentityService identityService, AccessSetup accessSetup, UnitTenants tenants) {
        this.identityService = identityService;
        this.accessSetup = accessSetup;
        this.tenants = tenants;
    }

    /** Creates what is absent once the process application and its groups ({@link AccessSetup}) are there. */
    @EventListener
    @Order(1)
    public void onPostDeploy(PostDeployEvent event) {
        createIfAbsent();
    }

    /**
     * Creates the handbook election's recommending units' groups, every demo user and membership that does not
     * exist yet, in one transaction; existing ones are left as they are.
     */
    public void createIfAbsent() {
        ElectionUnit handbook = new HandbookElection().unit();
        accessSetup.unitGroups(handbook.recommendingUnits());
        tenants.ensure(handbook.code(), handbook.name());
        for (DemoUser demoUser : USERS) {
            user(demoUser);
            membership(demoUser.id(), demoUser.groupId());
            if (!AccessRules.CENTRAL_BODIES.contains(demoUser.groupId())) {
                tenants.addMember(handbook.code(), demoUser.id());
            }
        }
        USERS.stream().filter(u -> u.groupId().equals(ORG_DEPT))
                .forEach(u -> membership(u.id(), Groups.CAMUNDA_ADMIN));
    }

    /**
     * The generated bodies of another electoral unit, created when absent: for every body group that is not central
     * and for the groups of the unit's recommending units, one user {@code <unit>-<group>} (e.g.
     * {@code unit-b-org-dept}, {@code unit-b-ru-city01}), named "<unit name><body name>", password {@value #PASSWORD},
     * a member of the group and of the unit (its tenant, created when absent); the recommending units' groups are
     * created as a registration creates them. So the driver, the benchmark and tests can act for any unit.
     *
     * @param tenantId the unit's tenant id (the code of its first election)
     * @param name     the unit's name, e.g. 乙省
     * @param units    the recommending units of its election
     * @return group id → the generated user's id
     * @throws IllegalArgumentException when a generated id would be longer than the engine's 64 characters
     */
    public Map<String, String> unitBodies(String tenantId, String name, List<RecommendingUnit> units) {
        accessSetup.unitGroups(units);
        tenants.ensure(tenantId, name);
        Map<String, String> groups = new LinkedHashMap<>();
        AccessRules.BODY_GROUPS.forEach((group, body) -> {
            if (!AccessRules.CENTRAL_BODIES.contains(group)) {
                groups.put(group, name + body);
            }
        });
        units.forEach(unit -> groups.put(unit.groupId(), name + unit.name() + "党委"));
        Map<String, String> users = new LinkedHashMap<>();
        groups.forEach((group, fullName) -> {
            String userId = tenantId + "-" + group;
            if (userId.length() > 64) {
                throw new IllegalArgumentException("生成的账号超过64个字符：" + userId);
            }
            user(new DemoUser(userId, fullName, "", group));
            membership(userId, group);
            tenants.addMember(tenantId, userId);
            users.put(group, userId);
        });
        return users;
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
        identityService.setUserInfo(demoUser.id(), ProductionIdentity.DEMO_USER_INFO, "true");
    }

    private void membership(String userId, String groupId) {
        if (identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
            identityService.createMembership(userId, groupId);
        }
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

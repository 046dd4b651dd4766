package org.delegateelection.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.PasswordPolicyResult;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.EncryptionUtil;
import org.delegateelection.api.PasswordRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Outside the demo profile: creates the first administrator from the environment ({@code ADMIN_USER},
 * {@code ADMIN_PASSWORD}; member of {@value Groups#CAMUNDA_ADMIN} and the organization department) when that user
 * does not exist yet (with the groups of {@link AccessSetup}), and refuses to start while a demo user exists or any
 * user's password is a well-known default.
 * Passwords are compared with the engine's salted hashes, without a login attempt (no lock counter moves).
 */
@Component
@Profile("!demo")
public class ProductionIdentity implements SmartInitializingSingleton {

    /** Passwords no user may have outside the demo profile (the demo users' one among them). */
    static final Set<String> DEFAULT_PASSWORDS = Set.of("demo", "admin", "password", "camunda", "123456",
            "12345678");

    /** The engine's user info key that marks a user the demo profile created; such a user is refused here. */
    public static final String DEMO_USER_INFO = "demoUser";

    private static final Logger LOG = LoggerFactory.getLogger(ProductionIdentity.class);

    private final IdentityService identityService;
    private final AccessSetup accessSetup;
    private final ProcessEngineConfigurationImpl configuration;
    private final String adminUser;
    private final String adminPassword;

    /** Takes the administrator's id and password from {@code ADMIN_USER} and {@code ADMIN_PASSWORD} (may be empty). */
    public ProductionIdentity(IdentityService identityService, AccessSetup accessSetup,
            ProcessEngineConfigurationImpl configuration,
            @Value("${ADMIN_USER:}") String adminUser, @Value("${ADMIN_PASSWORD:}") String adminPassword) {
        this.identityService = identityService;
        this.accessSetup = accessSetup;
        this.configuration = configuration;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
    }

    /**
     * Runs once the engine is built, before the web server starts and the process application deploys: a refusal
     * stops the application before it serves anything, and leaves nothing registered behind.
     */
    @Override
    public void afterSingletonsInstantiated() {
        accessSetup.createIfAbsent();
        createAdministrator();
        refuseDefaultCredentials();
    }

    /**
     * Creates the administrator named by {@code ADMIN_USER} unless that user exists. Without an administrator the
     * application does not start: Camunda's first-user setup page would let anybody who reaches the server make
     * himself administrator.
     *
     * @throws IllegalStateException when the database has no administrator and {@code ADMIN_USER} is not set, or
     *                               {@code ADMIN_USER} is set without a password, with a default one or with one
     *                               the password policy refuses
     */
    void createAdministrator() {
        if (adminUser.isBlank()) {
            if (identityService.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count() == 0) {
                throw new IllegalStateException("拒绝启动：数据库中尚无系统管理员。请设置环境变量 ADMIN_USER（管理员账号）"
                        + "和 ADMIN_PASSWORD（其密码，不得为默认密码）后再启动，应用将据此创建第一个管理员。");
            }
            return;
        }
        if (identityService.createUserQuery().userId(adminUser).count() > 0) {
            return;
        }
        if (adminPassword.isBlank() || DEFAULT_PASSWORDS.contains(adminPassword)) {
            throw new IllegalStateException("拒绝启动：ADMIN_PASSWORD 为空或为默认密码，不能用于创建管理员 " + adminUser);
        }
        User admin = identityService.newUser(adminUser);
        // the webapps show "first name last name" in their header, "null null" for a user without them
        admin.setFirstName("系统管理员");
        admin.setLastName("");
        admin.setPassword(adminPassword);
        PasswordPolicy policy = configuration.getPasswordPolicy();
        if (policy != null) {
            PasswordPolicyResult result = identityService.checkPasswordAgainstPolicy(policy, adminPassword, admin);
            if (!result.isValid()) {
                throw new IllegalStateException("拒绝启动：ADMIN_PASSWORD 不符合密码策略（"
                        + PasswordRules.describe(result.getViolatedRules()) + "），不能用于创建管理员 " + adminUser);
            }
        }
        identityService.saveUser(admin);
        identityService.createMembership(adminUser, Groups.CAMUNDA_ADMIN);
        identityService.createMembership(adminUser, AccessRules.ORG_DEPT);
        LOG.info("已创建系统管理员 {}", adminUser);
    }

    /**
     * @throws IllegalStateException naming every demo user present and every user with a default password
     */
    void refuseDefaultCredentials() {
        List<String> found = new ArrayList<>();
        for (User user : identityService.createUserQuery().list()) {
            if (identityService.getUserInfo(user.getId(), DEMO_USER_INFO) != null) {
                found.add(user.getId() + "（演示用户）");
            } else if (user instanceof UserEntity entity && entity.getPassword() != null
                    && DEFAULT_PASSWORDS.stream().anyMatch(password -> configuration.getPasswordManager()
                    .check(EncryptionUtil.saltPassword(password, entity.getSalt()), entity.getPassword()))) {
                found.add(user.getId() + "（默认密码）");
            }
        }
        if (!found.isEmpty()) {
            throw new IllegalStateException("拒绝启动：未启用 demo 配置时不得存在演示用户或默认密码：" + found
                    + "。生产环境请使用未运行过 demo 配置的数据库，或先删除这些用户、修改其密码。");
        }
    }
}

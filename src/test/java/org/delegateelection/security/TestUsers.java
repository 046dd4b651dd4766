package org.delegateelection.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;

/**
 * Engine users for tests that run without the demo profile, or besides the demo users. They work for the handbook
 * province's electoral unit (tenant {@value #HANDBOOK_UNIT}), in which {@code TestElections} registers the tests'
 * elections, unless a test names another unit.
 */
public final class TestUsers {

    /** The password of every test user (it meets Camunda's password policy, on outside the demo profile). */
    public static final String PASSWORD = "Test-password-2027!";

    /** The handbook province's electoral unit: its tenant id, the handbook election's code. */
    public static final String HANDBOOK_UNIT = "handbook-province";

    private TestUsers() {
    }

    /**
     * Creates the user (password {@link #PASSWORD}) in the given existing groups and the handbook province's unit,
     * unless the user exists.
     */
    public static void ensure(IdentityService identityService, String userId, String... groupIds) {
        ensureIn(identityService, HANDBOOK_UNIT, userId, groupIds);
    }

    /**
     * Creates the user (password {@link #PASSWORD}) in the given existing groups and the electoral unit
     * {@code tenantId} (its tenant created when absent), unless the user exists.
     */
    public static void ensureIn(IdentityService identityService, String tenantId, String userId,
            String... groupIds) {
        if (identityService.createUserQuery().userId(userId).count() > 0) {
            return;
        }
        User user = identityService.newUser(userId);
        user.setPassword(PASSWORD);
        identityService.saveUser(user);
        for (String groupId : groupIds) {
            identityService.createMembership(userId, groupId);
        }
        if (identityService.createTenantQuery().tenantId(tenantId).count() == 0) {
            Tenant tenant = identityService.newTenant(tenantId);
            tenant.setName(tenantId);
            identityService.saveTenant(tenant);
        }
        identityService.createTenantUserMembership(tenantId, userId);
    }
}

package org.delegateelection.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/** Engine users for tests that run without the demo profile. */
public final class TestUsers {

    /** The password of every test user (it meets Camunda's password policy, on outside the demo profile). */
    public static final String PASSWORD = "Test-password-2027!";

    private TestUsers() {
    }

    /** Creates the user (password {@link #PASSWORD}) in the given existing groups, unless the user exists. */
    public static void ensure(IdentityService identityService, String userId, String... groupIds) {
        if (identityService.createUserQuery().userId(userId).count() > 0) {
            return;
        }
        User user = identityService.newUser(userId);
        user.setPassword(PASSWORD);
        identityService.saveUser(user);
        for (String groupId : groupIds) {
            identityService.createMembership(userId, groupId);
        }
    }
}

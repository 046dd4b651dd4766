package org.delegateelection.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** The engine user on whose behalf the application works now (REST call, Tasklist action, task completion). */
@Component
public class CurrentUser {

    /** Recorded when the application acts on its own, e.g. at start-up. */
    public static final String SYSTEM = "system";

    private final IdentityService identityService;

    /** Asks the engine's identity service. */
    public CurrentUser(IdentityService identityService) {
        this.identityService = identityService;
    }

    /** The authenticated engine user's id, or {@value #SYSTEM} when nobody is authenticated. */
    public String id() {
        Authentication authentication = identityService.getCurrentAuthentication();
        return authentication == null || authentication.getUserId() == null ? SYSTEM : authentication.getUserId();
    }
}

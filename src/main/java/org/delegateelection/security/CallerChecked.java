package org.delegateelection.security;

import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Runs engine work that the domain API has already allowed the caller ({@link AccessRules#API_RULES}) without the
 * engine's own authorization and tenant checks — a report correlated to the instance, users set up by the
 * organization department, a body's user releasing his own task, the notice timers of every unit re-timed after a
 * calendar correction, the units' tenants ({@link UnitTenants}) — while the caller stays the engine's current user,
 * so that the user operation log names him. The work joins the request's transaction.
 */
@Component
public class CallerChecked {

    private final ProcessEngineConfigurationImpl engine;

    public CallerChecked(ProcessEngineConfigurationImpl engine) {
        this.engine = engine;
    }

    /** The work's result, computed in one engine command with the authorization and tenant checks off. */
    public <T> T withoutEngineChecks(Supplier<T> work) {
        return engine.getCommandExecutorTxRequired().execute(context -> {
            boolean tenantCheck = context.isTenantCheckEnabled();
            context.disableTenantCheck();
            try {
                return context.runWithoutAuthorization(work::get);
            } finally {
                if (tenantCheck) {
                    context.enableTenantCheck();
                }
            }
        });
    }
}

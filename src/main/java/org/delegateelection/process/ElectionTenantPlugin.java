package org.delegateelection.process;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.security.AccessRules;
import org.delegateelection.security.UnitTenants;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Gives every instance of the shared (tenant-less) diagrams the tenant of its electoral unit (decision 0030): a
 * {@code delegate-election} instance the tenant its election was registered in (variable {@code electionId},
 * started through {@code POST /api/elections}), or, started from Tasklist's start form, the one the registration
 * will choose for the caller ({@link UnitTenants#forRegistration} of the form's {@code electionUnitCode}); a called
 * instance (a recommending unit's {@code unit-nomination}) and a decision its caller's. The instance's executions,
 * tasks, variables, jobs, incidents and history carry it, and the engine's tenant check then shows them only to the
 * unit's members. A {@code national-election} instance gets the Centre's tenant ({@link UnitTenants#CENTRE}), seen
 * by the central bodies only. An instance of any other diagram gets no tenant.
 */
@Component
public class ElectionTenantPlugin extends AbstractProcessEnginePlugin implements TenantIdProvider {

    private final ElectionRepository elections;
    private final UnitTenants tenants;

    public ElectionTenantPlugin(@Lazy ElectionRepository elections, @Lazy UnitTenants tenants) {
        this.elections = elections;
        this.tenants = tenants;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setTenantIdProvider(this);
    }

    @Override
    public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext context) {
        if (context.getSuperExecution() != null) {
            return context.getSuperExecution().getTenantId();
        }
        String key = context.getProcessDefinition().getKey();
        if (AccessRules.NATIONAL_PROCESS.equals(key)) {
            return UnitTenants.CENTRE;
        }
        if (!AccessRules.ELECTION_PROCESS.equals(key)) {
            return null;
        }
        if (context.getVariables().get(ProcessVariables.ELECTION_ID) instanceof Number id) {
            return elections.tenantOf(id.longValue()).orElse(null);
        }
        return context.getVariables().get("electionUnitCode") instanceof String code
                ? tenants.forRegistration(code) : null;
    }

    @Override
    public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext context) {
        return null;
    }

    @Override
    public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext context) {
        return context.getExecution() != null ? context.getExecution().getTenantId() : null;
    }
}

package org.delegateelection.security;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.spring.boot.starter.event.PostDeployEvent;
import org.delegateelection.election.ElectionRepository;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The electoral units as the engine's tenants (decision 0030): every election belongs to one unit, its process
 * instances, tasks, variables, jobs and history carry the unit's tenant id, and the engine shows them only to the
 * unit's members; the domain API applies the same rule ({@link ApiSecurity}). A unit's bodies are its members one
 * by one (user memberships), since the body groups ({@code org-dept}, …) are the same for every unit; the central
 * bodies ({@link AccessRules#CENTRAL_BODIES}) are members of every unit as groups; administrators pass the engine's
 * tenant check anyway. A unit's tenant id is the code of its first election. The national procedure's instances
 * belong to the tenant {@link #CENTRE}, whose only members are the central bodies.
 */
@Component
public class UnitTenants {

    /**
     * The tenant of the national procedure ({@code national-election}): the Centre's own data, hidden from every
     * unit's bodies. Election codes are lower case, so no unit can take this id.
     */
    public static final String CENTRE = "Centre";
    /** Name of the tenant {@link #CENTRE}. */
    public static final String CENTRE_NAME = "中央";

    private final IdentityService identityService;
    private final CallerChecked callerChecked;
    private final ElectionRepository elections;

    /**
     * Works on the engine's tenants and their memberships, with the engine's checks of the caller lifted: nobody but
     * an administrator may read or change tenants, and the application's own rules decide who is a unit's member.
     */
    public UnitTenants(IdentityService identityService, CallerChecked callerChecked, ElectionRepository elections) {
        this.identityService = identityService;
        this.callerChecked = callerChecked;
        this.elections = elections;
    }

    /**
     * Once the bodies' groups exist ({@link AccessSetup}): the tenant {@link #CENTRE} and that of every unit that
     * has an election, with the central bodies their members, when absent (a database of an earlier version, whose
     * elections each became a unit of their own).
     */
    @EventListener
    @Order(1)
    public void onPostDeploy(PostDeployEvent event) {
        ensure(CENTRE, CENTRE_NAME);
        elections.tenants().forEach(this::ensure);
    }

    /**
     * The electoral unit an election registered now by the current caller belongs to: the caller's own unit when
     * he is a member of exactly one unit himself (a unit's organization department registers its unit's next
     * election), otherwise (the Centre, an administrator, the application itself) a unit of its own named by the
     * election's code.
     */
    public String forRegistration(String electionCode) {
        Authentication caller = identityService.getCurrentAuthentication();
        if (caller == null || caller.getUserId() == null) {
            return electionCode;
        }
        List<String> own = ownOf(caller.getUserId());
        return own.size() == 1 ? own.get(0) : electionCode;
    }

    /**
     * Creates the unit's tenant when absent (named {@code name}), makes the central bodies members of it, and makes
     * the current caller a member when he is not one yet and is neither central nor an administrator, so that an
     * organization department sees the election it registers: registering an election (allowed by
     * {@link AccessRules#API_RULES}) brings its unit along.
     */
    public void register(String tenantId, String name) {
        Authentication caller = identityService.getCurrentAuthentication();
        ensure(tenantId, name);
        if (caller != null && caller.getUserId() != null && !includes(tenantId, caller.getUserId())
                && (caller.getGroupIds() == null || !caller.getGroupIds().contains(Groups.CAMUNDA_ADMIN))) {
            addMember(tenantId, caller.getUserId());
        }
    }

    /** The tenant (created when absent, with this name) with every central body a member; idempotent. */
    public void ensure(String tenantId, String name) {
        callerChecked.withoutEngineChecks(() -> {
            if (identityService.createTenantQuery().tenantId(tenantId).count() == 0) {
                Tenant tenant = identityService.newTenant(tenantId);
                tenant.setName(name);
                identityService.saveTenant(tenant);
            }
            for (String body : AccessRules.CENTRAL_BODIES) {
                if (identityService.createGroupQuery().groupId(body).memberOfTenant(tenantId).count() == 0) {
                    identityService.createTenantGroupMembership(tenantId, body);
                }
            }
            return null;
        });
    }

    /** Makes the user a member of the unit, unless he is one. */
    public void addMember(String tenantId, String userId) {
        callerChecked.withoutEngineChecks(() -> {
            if (!ownOf(userId).contains(tenantId)) {
                identityService.createTenantUserMembership(tenantId, userId);
            }
            return null;
        });
    }

    /** The units whose data the user sees: his own and, through a central body, every unit. */
    public List<String> of(String userId) {
        return callerChecked.withoutEngineChecks(() -> identityService.createTenantQuery().userMember(userId)
                .includingGroupsOfUser(true).list().stream().map(Tenant::getId).toList());
    }

    /** The units the user is a member of himself (not through a group). */
    public List<String> ownOf(String userId) {
        return callerChecked.withoutEngineChecks(() -> identityService.createTenantQuery().userMember(userId).list()
                .stream().map(Tenant::getId).toList());
    }

    /** Whether the user sees the unit's data: a member himself or through a central body. */
    public boolean includes(String tenantId, String userId) {
        return callerChecked.withoutEngineChecks(() -> identityService.createTenantQuery().tenantId(tenantId)
                .userMember(userId).includingGroupsOfUser(true).count() > 0);
    }
}

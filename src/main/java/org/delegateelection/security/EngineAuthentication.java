package org.delegateelection.security;

import java.io.IOException;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Tells the engine who is calling, for the length of the request: the authenticated user, its groups and the
 * electoral units (tenants) whose data it sees ({@link UnitTenants#of}), so that the engine checks its
 * authorizations and hides every other unit's instances, tasks and history, writes the user into its user operation log and history, and Tasklist's
 * expressions such as {@code currentUser()} work for REST calls. Cleared when the request is done.
 */
class EngineAuthentication extends OncePerRequestFilter {

    private final IdentityService identityService;
    private final UnitTenants tenants;

    EngineAuthentication(IdentityService identityService, UnitTenants tenants) {
        this.identityService = identityService;
        this.tenants = tenants;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null || !caller.isAuthenticated() || caller instanceof AnonymousAuthenticationToken) {
            chain.doFilter(request, response);
            return;
        }
        List<String> groups = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
        identityService.setAuthentication(caller.getName(), groups, tenants.of(caller.getName()));
        try {
            chain.doFilter(request, response);
        } finally {
            identityService.clearAuthentication();
        }
    }
}

package org.delegateelection.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Registers the servlet filters in front of the logins and of Camunda's REST API: {@link LoginThrottle} first of
 * all, on every path that takes a password; {@link EngineRestGuard} on both mounts of the engine's REST API, after
 * Spring Security has authenticated the caller; and closes Camunda's first-user setup ({@code /camunda/api/admin/setup},
 * 404): the first administrator comes from {@code ADMIN_USER} ({@link ProductionIdentity}) or the demo, never from
 * an anonymous page.
 */
@Configuration
class EngineRestFilters {

    @Bean
    FilterRegistrationBean<LoginThrottle> loginThrottle() {
        FilterRegistrationBean<LoginThrottle> registration = new FilterRegistrationBean<>(new LoginThrottle());
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<Filter> noFirstUserSetup() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) ->
                ((HttpServletResponse) response).sendError(HttpServletResponse.SC_NOT_FOUND));
        registration.addUrlPatterns("/camunda/api/admin/setup/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<EngineRestGuard> engineRestGuard(IdentityService identityService,
            TaskService taskService, CallerChecked callerChecked, SubmissionVariables submissionVariables,
            UnitTenants tenants) {
        FilterRegistrationBean<EngineRestGuard> registration = new FilterRegistrationBean<>(
                new EngineRestGuard(identityService, taskService, callerChecked, submissionVariables, tenants));
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }
}

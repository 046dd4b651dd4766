package org.delegateelection.security;

import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.spring.boot.starter.property.WebappProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The webapps' CSRF filter: {@link WebappCsrfFilter} under the name and on the paths of Camunda's own
 * ({@code CsrfPreventionFilter} on {@code <application path>/api/*} and {@code /app/*}), with the init parameters of
 * {@code camunda.bpm.webapp.csrf.*}. Camunda's webapp initializer registers a filter only under a name not yet
 * taken, and Spring Boot registers its filter registrations before other initializers such as Camunda's: this one
 * replaces Camunda's, and runs before Camunda's other webapp filters.
 */
@Configuration
public class WebappSecurity {

    /** The name under which Camunda's webapp initializer registers its CSRF filter. */
    private static final String CAMUNDA_CSRF_FILTER = "CsrfPreventionFilter";

    /** Camunda's CSRF filter as {@link WebappCsrfFilter}: a session only from the login, none lost on a failure. */
    @Bean
    FilterRegistrationBean<WebappCsrfFilter> webappCsrfFilter(CamundaBpmProperties camunda) {
        WebappProperty webapp = camunda.getWebapp();
        FilterRegistrationBean<WebappCsrfFilter> registration = new FilterRegistrationBean<>(new WebappCsrfFilter());
        registration.setName(CAMUNDA_CSRF_FILTER);
        registration.setInitParameters(webapp.getCsrf().getInitParams());
        registration.addUrlPatterns(webapp.getApplicationPath() + "/api/*", webapp.getApplicationPath() + "/app/*");
        return registration;
    }
}

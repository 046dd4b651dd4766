package org.delegateelection.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The operators' endpoints ({@code /actuator/**}): open to anyone, and a caller may log in with HTTP Basic against
 * the engine's users ({@link ApiSecurity#engineIdentity}, wrong credentials: 401), so that Spring Boot knows their
 * groups: the components of {@code /actuator/health} are shown to {@code camunda-admin} only
 * ({@code management.endpoint.health.show-details: when-authorized}, {@code roles: camunda-admin}). Read-only
 * endpoints: no session (nor a new id for the webapps' session, see {@link ApiSecurity}), no CSRF token.
 */
@Configuration
public class ActuatorSecurity {

    /** The filter chain of {@code /actuator/**}. */
    @Bean
    SecurityFilterChain actuatorFilterChain(HttpSecurity http, AuthenticationProvider engineIdentity)
            throws Exception {
        return http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/actuator/**"))
                .authenticationProvider(engineIdentity)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .httpBasic(basic -> basic.realmName(ApiSecurity.REALM))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                        .sessionFixation(fixation -> fixation.none()))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable())
                .build();
    }
}

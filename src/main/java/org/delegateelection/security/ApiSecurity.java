package org.delegateelection.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.election.RecommendingUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.util.UriComponentsBuilder;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Security of Camunda's REST API ({@code /engine-rest/**}), the domain API ({@code /api/**}) and its OpenAPI document
 * ({@code /api-docs}, any authenticated user, see {@link ApiDocsAccess}); the Camunda webapps
 * keep their own login and CSRF protection. A caller authenticates with HTTP Basic against the engine's identity
 * service (salted password hashes, the engine's lock after repeated failures); {@code /api/**} also accepts a user
 * logged into the webapps (their session, see {@link WebappSessionAuthentication}). No session is created. For the
 * request the engine then knows the caller and their groups ({@link EngineAuthentication}), so the engine's
 * authorization checks apply to REST calls as in Tasklist; {@code /api/**} is checked against
 * {@link AccessRules#API_RULES} and, for an election's endpoints, against the election's electoral unit
 * ({@link UnitTenants}, decision 0030). Anonymous: 401 with {@code WWW-Authenticate: Basic}; not entitled: 403 with a
 * neutral body, whether or not the election exists. CORS is closed unless {@code security.cors.allowed-origins}
 * names origins.
 *
 * <p>Single sign-on: another Spring Security authentication (e.g. {@code oauth2ResourceServer} for bearer tokens of
 * the organization's provider) can be added to this chain; whatever authenticates must put the engine user id as the
 * principal's name and the engine group ids as authorities, and the rest stays as it is.
 */
@Configuration
public class ApiSecurity {

    /** The realm of the Basic challenge. */
    static final String REALM = "delegate-election";

    /** The caller's engine groups, from the request's authentication; empty when anonymous. */
    private static Set<String> callerGroups() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? Set.of() : authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
    }

    /** Whether the caller of this request belongs to the group. */
    public static boolean callerIsIn(String groupId) {
        return callerGroups().contains(groupId);
    }

    /**
     * The codes of the recommending units the caller belongs to when the caller is in no body group, i.e. sees only
     * the data of those units; empty when the caller belongs to a body and sees everything the rules allow.
     */
    public static Set<String> unitsOnly() {
        Set<String> groups = callerGroups();
        if (groups.stream().anyMatch(AccessRules.BODY_GROUPS::containsKey)) {
            return Set.of();
        }
        return groups.stream().filter(g -> g.startsWith(RecommendingUnit.GROUP_PREFIX))
                .map(g -> g.substring(RecommendingUnit.GROUP_PREFIX.length())).collect(Collectors.toSet());
    }

    /** The filter chain of {@code /engine-rest/**}, {@code /api/**} and {@code /api-docs}. */
    @Bean
    SecurityFilterChain apiFilterChain(HttpSecurity http, AuthenticationProvider engineIdentity,
            IdentityService identityService, ElectionRepository elections, UnitTenants tenants,
            @Value("${security.cors.allowed-origins:}") List<String> allowedOrigins) throws Exception {
        AuthenticationEntryPoint anonymous = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            error(response, HttpServletResponse.SC_UNAUTHORIZED, "请先登录");
        };
        AccessDeniedHandler denied = (request, response, e) ->
                error(response, HttpServletResponse.SC_FORBIDDEN, "无权访问");
        // path patterns of the whole application: /engine-rest is Jersey's servlet, not Spring MVC's
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        http.securityMatcher(new OrRequestMatcher(paths.matcher("/engine-rest/**"), paths.matcher("/api/**"),
                        paths.matcher(ApiDocsAccess.DOCS_PATH), paths.matcher(ApiDocsAccess.DOCS_PATH + "/**")))
                .authenticationProvider(engineIdentity)
                .authorizeHttpRequests(requests -> {
                    for (AccessRules.ApiRule rule : AccessRules.API_RULES) {
                        requests.requestMatchers(paths.matcher(rule.method(), rule.pattern()))
                                .access(ruleManager(rule, elections, tenants));
                    }
                    requests.requestMatchers(paths.matcher("/engine-rest/**")).authenticated();
                    // the OpenAPI document: for any authenticated user (ApiDocsAccess)
                    requests.requestMatchers(paths.matcher(HttpMethod.GET, ApiDocsAccess.DOCS_PATH),
                            paths.matcher(HttpMethod.GET, ApiDocsAccess.DOCS_PATH + "/**")).authenticated();
                    requests.anyRequest().denyAll();
                })
                .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(anonymous))
                .exceptionHandling(e -> e.authenticationEntryPoint(anonymous).accessDeniedHandler(denied))
                // this chain logs nobody in, so it protects no login against session fixation: Spring's default
                // (change the session id on authentication) would rotate the webapps' session on every /api call
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                        .sessionFixation(fixation -> fixation.none()))
                .requestCache(cache -> cache.disable())
                // Basic is sent by the client on every request, so no CSRF token is needed for it; a request that
                // relies on the webapps' session cookie is checked against their CSRF token instead
                .csrf(csrf -> csrf.disable())
                .addFilterBefore(new WebappSessionAuthentication(), BasicAuthenticationFilter.class)
                .addFilterAfter(new EngineAuthentication(identityService, tenants), AuthorizationFilter.class);
        if (allowedOrigins.isEmpty()) {
            http.cors(cors -> cors.disable());
        } else {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOrigins(allowedOrigins);
            cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
            cors.setAllowedHeaders(List.of("Authorization", "Content-Type"));
            UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
            source.registerCorsConfiguration("/**", cors);
            http.cors(c -> c.configurationSource(source));
        }
        return http.build();
    }

    /** HTTP Basic against the engine's users: the principal is the user id, the authorities its group ids. */
    @Bean
    AuthenticationProvider engineIdentity(IdentityService identityService) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                String userId = authentication.getName();
                Object password = authentication.getCredentials();
                if (userId == null || userId.isBlank() || !(password instanceof String text)
                        || !identityService.checkPassword(userId, text)) {
                    throw new BadCredentialsException("用户名或密码不正确");
                }
                List<SimpleGrantedAuthority> groups = identityService.createGroupQuery().groupMember(userId).list()
                        .stream().map(Group::getId).map(SimpleGrantedAuthority::new).toList();
                return UsernamePasswordAuthenticationToken.authenticated(userId, null, groups);
            }

            @Override
            public boolean supports(Class<?> type) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
            }
        };
    }

    /**
     * The rule's groups and, for an election's endpoint ({@code {id}}), the election's electoral unit: the caller
     * must be a member of its tenant, himself or through a central body, or an administrator (decision 0030). For
     * an unknown election the rule's groups decide, and the controller answers 404.
     */
    private static AuthorizationManager<RequestAuthorizationContext> ruleManager(AccessRules.ApiRule rule,
            ElectionRepository elections, UnitTenants tenants) {
        return (authentication, context) -> {
            Authentication caller = authentication.get();
            if (caller == null || !caller.isAuthenticated()
                    || !(caller instanceof UsernamePasswordAuthenticationToken)) {
                return new AuthorizationDecision(false);
            }
            Set<String> groups = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                    .collect(Collectors.toSet());
            String id = context.getVariables().get("id");
            boolean everyUnit = rule.groups().contains(AccessRules.UNITS_OF_ELECTION);
            // from the query string only: reading the request's parameters would parse a multipart body here,
            // before the upload's limits are answered by the API, and a part must not name the unit
            String requested = rule.groups().contains(AccessRules.UNIT_OF_REQUEST)
                    ? UriComponentsBuilder.newInstance().query(context.getRequest().getQueryString()).build()
                            .getQueryParams().getFirst("unit") : null;
            Set<String> unitGroups = (everyUnit || requested != null) && id != null && id.matches("\\d{1,18}")
                    ? elections.find(Long.parseLong(id)).map(unit -> unit.recommendingUnits().stream()
                            .filter(ru -> everyUnit || ru.code().equals(requested))
                            .map(RecommendingUnit::groupId).collect(Collectors.toSet())).orElse(Set.of())
                    : Set.of();
            if (!AccessRules.allows(rule, groups, unitGroups)) {
                return new AuthorizationDecision(false);
            }
            if (id == null || groups.contains(Groups.CAMUNDA_ADMIN)) {
                return new AuthorizationDecision(true);
            }
            Optional<String> tenant = id.matches("\\d{1,18}") ? elections.tenantOf(Long.parseLong(id))
                    : Optional.empty();
            return new AuthorizationDecision(tenant.isEmpty() || tenants.includes(tenant.get(), caller.getName()));
        };
    }

    private static void error(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.getOutputStream().write(("{\"message\":\"" + message + "\",\"problems\":[]}")
                .getBytes(StandardCharsets.UTF_8));
    }
}

package org.delegateelection.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Lets a user logged into the Camunda webapps call {@code /api/**} (and read {@code /api-docs}) from the browser (the Cockpit plugin, links in
 * Tasklist forms): a request without an {@code Authorization} header that carries the webapps' session is
 * authenticated as that session's user with its groups. A request that changes something (not GET, HEAD or OPTIONS)
 * must also carry the webapps' CSRF token in {@code X-XSRF-TOKEN}, as their own calls do; otherwise the session is
 * not used. Never creates a session.
 */
class WebappSessionAuthentication extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.startsWith("/api/") || path.equals(ApiDocsAccess.DOCS_PATH)
                || path.startsWith(ApiDocsAccess.DOCS_PATH + "/")) || request.getHeader("Authorization") != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null && (SAFE_METHODS.contains(request.getMethod()) || csrfTokenMatches(request, session))) {
            Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
            authentications.getAuthentications().stream().findFirst().ifPresent(user ->
                    SecurityContextHolder.getContext().setAuthentication(token(user)));
        }
        chain.doFilter(request, response);
    }

    private static UsernamePasswordAuthenticationToken token(UserAuthentication user) {
        return UsernamePasswordAuthenticationToken.authenticated(user.getName(), null,
                user.getGroupIds().stream().map(SimpleGrantedAuthority::new).toList());
    }

    private static boolean csrfTokenMatches(HttpServletRequest request, HttpSession session) {
        Object expected = session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
        String sent = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
        return expected instanceof String token && sent != null && MessageDigest.isEqual(
                token.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }
}

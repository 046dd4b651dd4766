package org.delegateelection.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.webapp.impl.security.filter.CsrfPreventionFilter;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Camunda's CSRF protection of the webapps ({@link CsrfPreventionFilter}, configured by
 * {@code camunda.bpm.webapp.csrf.*}), registered in its place by {@link WebappSecurity}, with two changes.
 *
 * <p>A session begins at login, not before. Camunda's filters of {@code /camunda/app/*} and {@code /camunda/api/*}
 * (its authentication filter, its session cookie filter and its CSRF filter) each ask for a session on every
 * request, so every anonymous page load used to create one. Here a request that comes without a session is given a
 * stand-in, dropped when the request ends; the container's session is created only when Camunda's login replaces
 * the session it was given (it invalidates it and asks for a new one: session fixation protection). Before the login
 * the CSRF token lives in the {@code XSRF-TOKEN} cookie alone, and a changing request without a session (the login)
 * must send that cookie's value in {@code X-XSRF-TOKEN}: a page of another origin can neither read the cookie nor
 * send the header (CORS is closed). With a session, the token is the session's, as in Camunda.
 *
 * <p>A failed check is answered with the deny status (403) and leaves the session alone: Camunda's filter, ported
 * from Tomcat's, invalidates it, so a stale tab or another site's forged request logged the user out.
 */
public class WebappCsrfFilter extends CsrfPreventionFilter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        super.doFilter(http.getSession(false) == null ? new SessionAtLogin(http) : http, response, chain);
    }

    /** With a session, Camunda's token in the session; without, a token in the cookie only (unless it has one). */
    @Override
    protected void setCSRFToken(HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            super.setCSRFToken(request, response);
        } else if (cookieToken(request) == null) {
            String token = generateCSRFToken();
            response.addHeader("Set-Cookie", cookieName() + "=" + token + CsrfConstants.CSRF_PATH_FIELD_NAME
                    + getCookiePath(request) + cookieConfigurator.getConfig());
            response.setHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME, token);
        }
    }

    /** The header must carry the session's token, or without a session the cookie's; the session is kept. */
    @Override
    protected boolean doTokenValidation(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String sent = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
        if (sent == null || sent.isBlank()) {
            response.setHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME, CsrfConstants.CSRF_TOKEN_HEADER_REQUIRED);
            response.sendError(getDenyStatus(), "请求缺少 CSRF 令牌");
            return false;
        }
        HttpSession session = request.getSession(false);
        Object expected = session != null ? session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME)
                : cookieToken(request);
        if (!(expected instanceof String token) || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8))) {
            response.sendError(getDenyStatus(), "CSRF 令牌不正确");
            return false;
        }
        return true;
    }

    private String cookieName() {
        return cookieConfigurator.getCookieName(CsrfConstants.CSRF_TOKEN_DEFAULT_COOKIE_NAME);
    }

    private String cookieToken(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        return cookies == null ? null : Arrays.stream(cookies).filter(c -> c.getName().equals(cookieName()))
                .map(Cookie::getValue).filter(value -> !value.isBlank()).findFirst().orElse(null);
    }

    /**
     * A request that came without a session: asked for one, it gets a stand-in; once the stand-in is invalidated
     * (the login), a new session is the container's.
     */
    private static final class SessionAtLogin extends HttpServletRequestWrapper {

        private StandIn standIn;

        SessionAtLogin(HttpServletRequest request) {
            super(request);
        }

        @Override
        public HttpSession getSession() {
            return getSession(true);
        }

        @Override
        public HttpSession getSession(boolean create) {
            if (standIn != null && standIn.invalidated) {
                return super.getSession(create);
            }
            if (standIn == null && create) {
                standIn = new StandIn(getServletContext());
            }
            return standIn;
        }
    }

    /** The attributes of one request's stand-in session, never stored and never sent as a cookie. */
    private static final class StandIn implements HttpSession {

        private final ServletContext context;
        private final long created = System.currentTimeMillis();
        private final Map<String, Object> attributes = new HashMap<>();
        private boolean invalidated;

        StandIn(ServletContext context) {
            this.context = context;
        }

        @Override
        public long getCreationTime() {
            return created;
        }

        @Override
        public String getId() {
            return "";
        }

        @Override
        public long getLastAccessedTime() {
            return created;
        }

        @Override
        public ServletContext getServletContext() {
            return context;
        }

        @Override
        public void setMaxInactiveInterval(int interval) {
            // dropped with the request
        }

        @Override
        public int getMaxInactiveInterval() {
            return 0;
        }

        @Override
        public Object getAttribute(String name) {
            return attributes.get(name);
        }

        @Override
        public Enumeration<String> getAttributeNames() {
            return Collections.enumeration(attributes.keySet());
        }

        @Override
        public void setAttribute(String name, Object value) {
            attributes.put(name, value);
        }

        @Override
        public void removeAttribute(String name) {
            attributes.remove(name);
        }

        @Override
        public void invalidate() {
            attributes.clear();
            invalidated = true;
        }

        @Override
        public boolean isNew() {
            return true;
        }
    }
}

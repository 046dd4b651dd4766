package org.delegateelection.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Throttles failed logins per client address, so that nobody can guess passwords or keep an account locked from one
 * address: after {@link #MAX_FAILURES} failed logins of one user (HTTP Basic answered 401; for the webapps' login
 * form, of any user) or {@link #MAX_ADDRESS_FAILURES} of all users within {@link #WINDOW_MILLIS}, every further
 * such attempt from that address is answered 429 with {@code Retry-After} until the window has passed, without
 * reaching the engine (so the user's own failure count does not grow). The engine's lock of a user after failed passwords stays temporary (its
 * {@code loginMaxAttempts} is set out of reach, the delay grows to {@code loginDelayMaxTime}); an administrator
 * lifts it at once in Admin. Time is the engine's clock. Kept in memory per node (two nodes allow twice as many).
 */
class LoginThrottle extends OncePerRequestFilter {

    /** Failed logins an address may make within the window. */
    static final int MAX_FAILURES = 5;
    /** The window, in milliseconds: 15 minutes. */
    static final long WINDOW_MILLIS = 15 * 60 * 1000L;
    /** Failed logins an address may make within the window, all users together. */
    static final int MAX_ADDRESS_FAILURES = 20;
    /** Addresses remembered at most; beyond, expired entries are dropped. */
    private static final int MAX_ADDRESSES = 10_000;

    private record Failures(long since, int count) {
    }

    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String user = loginUser(request);
        if (user == null) {
            chain.doFilter(request, response);
            return;
        }
        String address = request.getRemoteAddr();
        String account = address + "\n" + user;
        long now = ClockUtil.getCurrentTime().getTime();
        long wait = Math.max(wait(account, MAX_FAILURES, now), wait(address, MAX_ADDRESS_FAILURES, now));
        if (wait > 0) {
            long seconds = wait / 1000 + 1;
            response.setStatus(429);
            response.setHeader("Retry-After", String.valueOf(seconds));
            response.setContentType("application/json;charset=UTF-8");
            response.getOutputStream().write(("{\"message\":\"登录失败次数过多，请 " + (seconds + 59) / 60
                    + " 分钟后再试\",\"problems\":[]}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
            if (failures.size() > MAX_ADDRESSES) {
                failures.values().removeIf(f -> now - f.since() >= WINDOW_MILLIS);
            }
            count(account, now);
            count(address, now);
        }
    }

    /** Milliseconds until the key may try again, 0 when it may now. */
    private long wait(String key, int max, long now) {
        Failures known = failures.get(key);
        return known != null && now - known.since() < WINDOW_MILLIS && known.count() >= max
                ? WINDOW_MILLIS - (now - known.since()) : 0;
    }

    private void count(String key, long now) {
        failures.merge(key, new Failures(now, 1), (old, one) -> now - old.since() >= WINDOW_MILLIS ? one
                : new Failures(old.since(), old.count() + 1));
    }

    /**
     * The user a request logs in as: the user of HTTP Basic credentials, {@code ""} for the webapps' login form
     * (its body is left to the webapps), {@code null} when the request does not log in.
     */
    private static String loginUser(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = credentials.indexOf(':');
                return colon < 0 ? credentials : credentials.substring(0, colon);
            } catch (IllegalArgumentException e) {
                return "";
            }
        }
        boolean form = "POST".equals(request.getMethod())
                && request.getRequestURI().startsWith(request.getContextPath() + "/camunda/api/admin/auth/user/")
                && request.getRequestURI().contains("/login/");
        return form ? "" : null;
    }
}

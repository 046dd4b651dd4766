package org.delegateelection.security;

import java.io.IOException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The security headers of every response — webapps, {@code /api}, {@code /engine-rest}, static files, errors,
 * actuator — set in one place, first of all filters, so that they stand also when a later filter answers on its own
 * (a refused login, a failed CSRF check, an error page):
 * <ul>
 * <li>{@code Referrer-Policy: same-origin}: the addresses of Tasklist and Cockpit (task and instance ids, searches)
 * are not sent to other sites, while the webapps' own requests keep their Referer (Camunda's CSRF origin check reads
 * it when {@code camunda.bpm.webapp.csrf.target-origin} is set);</li>
 * <li>{@code X-Frame-Options: DENY}: no page of the application is shown in a frame, its own included (the webapps
 * frame nothing; Camunda's Content-Security-Policy says {@code frame-ancestors 'none'} for them already, this header
 * says it for browsers without CSP and for every other response);</li>
 * <li>{@code X-Content-Type-Options: nosniff}, as Camunda's header security sets it for the webapps.</li>
 * </ul>
 * What Camunda's header security adds to the webapps ({@code camunda.bpm.webapp.header-security.*}: CSP, XSS
 * protection, HSTS when enabled) stays; Spring Security's headers of the API chain find these set and leave them.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SecurityHeaders extends OncePerRequestFilter {

    /** Also on the error page a failure is forwarded to, in case the container reset the response for it. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        chain.doFilter(request, response);
    }
}

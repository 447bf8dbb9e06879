package io.hitch.transport;

import io.hitch.dispatch.HitchRuntime;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code POST /hitch/token}: issues a connect token to the authenticated caller (401 otherwise).
 * Protect it like any other resource of the application (a web.xml constraint, Jakarta Security).
 */
@WebServlet("/hitch/token")
public class TokenServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient ConnectTokens tokens;
    @Inject
    transient HitchRuntime runtime;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        if (request.getUserPrincipal() == null) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.getWriter().write("{\"error\":\"authenticate first\"}");
            return;
        }
        Set<String> roles = runtime.roles().stream().filter(request::isUserInRole).collect(Collectors.toSet());
        String token = tokens.issue(request.getUserPrincipal().getName(), roles);
        response.getWriter().write("{\"token\":\"" + token + "\",\"expiresInMs\":" + tokens.ttlMs() + "}");
    }
}

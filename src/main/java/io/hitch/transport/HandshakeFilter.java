package io.hitch.transport;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.annotation.WebFilter;

import java.io.IOException;

/**
 * Hands the upgrade request's remote address to {@link HandshakeConfigurator}: Jakarta WebSocket
 * has no standard way to read it, but the upgrade runs on the thread of this filter chain.
 */
@WebFilter(urlPatterns = "/ws", asyncSupported = true)
public class HandshakeFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final ThreadLocal<String> REMOTE_ADDRESS = new ThreadLocal<>();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        REMOTE_ADDRESS.set(request.getRemoteAddr());
        try {
            chain.doFilter(request, response);
        } finally {
            REMOTE_ADDRESS.remove();
        }
    }

    /** @return the remote address of the upgrade being handled on this thread, or null */
    static String remoteAddress() {
        return REMOTE_ADDRESS.get();
    }
}

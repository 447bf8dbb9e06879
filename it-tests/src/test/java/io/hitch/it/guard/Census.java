package io.hitch.it.guard;

import io.hitch.peers.PeerRegistry;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * {@code GET /guard/census?user=name}: the connections the server counts against the caps, for the
 * caller's address and that user, as {@code {"address":n,"user":m}}. Plain HTTP, so asking opens no
 * connection of its own.
 */
@WebServlet("/guard/census")
public class Census extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient PeerRegistry peers;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = request.getParameter("user");
        response.setContentType("application/json");
        response.getWriter().write("{\"address\":" + peers.caps().connectionsFrom(request.getRemoteAddr()) + ",\"user\":"
                + (user == null ? 0 : peers.caps().connectionsOf(user)) + "}");
    }
}

package io.hitch.dispatch;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs unexpected failures under an incident id. The client gets only the id; the log gets the
 * peer, the route and the stack trace, so one can be found from the other.
 */
public class Incidents {

    private static final Logger LOG = Logger.getLogger("io.hitch");
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * @param peerId the connection the failure happened on
     * @param route  the route that failed
     * @param error  what was thrown
     * @return the incident id, also in the log line
     */
    public String report(String peerId, String route, Throwable error) {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        String incident = HexFormat.of().formatHex(bytes);
        LOG.log(Level.WARNING, "Route '" + route + "' failed for peer " + peerId + " (incident " + incident + ")",
                error);
        return incident;
    }
}

package io.hitch.api;

/**
 * Decides, per call, whether one client may call a route on another through the server's
 * {@code hitch.relay}. A relay is allowed only when its route is listed in
 * {@code hitch.relay-routes} and every {@code RelayPolicy} bean allows it.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class SameTenantOnly implements RelayPolicy {
 *     public boolean allows(Peer caller, Peer target, String route) {
 *         return Objects.equals(caller.attributes().get("tenant"), target.attributes().get("tenant"));
 *     }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface RelayPolicy {

    /**
     * @param caller the client asking, with its principal
     * @param target the client that would be asked
     * @param route  the route called on the target
     * @return whether to forward the call; false answers the caller {@code forbidden}
     */
    boolean allows(Peer caller, Peer target, String route);
}

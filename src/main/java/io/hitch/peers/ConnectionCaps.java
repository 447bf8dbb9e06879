package io.hitch.peers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open connections counted per user and per remote address, for the caps checked at the upgrade.
 * A place is reserved before the upgrade and given back when the connection closes, or at once if
 * the upgrade does not happen. Thread-safe.
 */
public final class ConnectionCaps {

    private final Map<String, Integer> perPrincipal = new ConcurrentHashMap<>();
    private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();

    /** @return open connections of the user {@code principalName} (reserved ones included) */
    public int connectionsOf(String principalName) {
        return perPrincipal.getOrDefault(principalName, 0);
    }

    /** @return open connections from {@code remoteAddress} (reserved ones included) */
    public int connectionsFrom(String remoteAddress) {
        return perAddress.getOrDefault(remoteAddress, 0);
    }

    /**
     * Reserves a place for a connection about to be upgraded, atomically against the caps; the place
     * is given back when the connection closes, or by {@link #release} if the upgrade does not happen.
     *
     * @param principalName   the user, or null
     * @param address         the remote address
     * @param maxPerPrincipal the cap per user, 0 for none
     * @param maxPerAddress   the cap per address, 0 for none
     * @return false if a cap is reached
     */
    public boolean tryReserve(String principalName, String address, int maxPerPrincipal, int maxPerAddress) {
        if (!take(perAddress, address, maxPerAddress)) {
            return false;
        }
        if (principalName != null && !take(perPrincipal, principalName, maxPerPrincipal)) {
            give(perAddress, address);
            return false;
        }
        return true;
    }

    /** Gives back a place: a reservation whose upgrade did not happen, or a closed connection's. */
    public void release(String principalName, String address) {
        give(perAddress, address);
        if (principalName != null) {
            give(perPrincipal, principalName);
        }
    }

    private static boolean take(Map<String, Integer> counts, String key, int max) {
        boolean[] taken = {false};
        counts.compute(key, (k, n) -> {
            int now = n == null ? 0 : n;
            if (max > 0 && now >= max) {
                return n;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    private static void give(Map<String, Integer> counts, String key) {
        counts.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }
}

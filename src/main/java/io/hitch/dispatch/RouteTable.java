package io.hitch.dispatch;

import io.hitch.protocol.RouteNames;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The routes this server serves, resolved once at deployment and never changed after. */
public final class RouteTable {

    private final Map<String, RouteEntry> routes;
    private final List<String> names;

    private RouteTable(Map<String, RouteEntry> routes) {
        this.routes = Map.copyOf(routes);
        this.names = List.copyOf(new TreeMap<>(routes).keySet());
    }

    /**
     * @param entries the routes
     * @return the table
     * @throws RouteTableException listing every invalid name and every duplicate with both beans
     */
    public static RouteTable of(List<RouteEntry> entries) {
        Map<String, RouteEntry> byName = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (RouteEntry entry : entries) {
            String name = entry.name();
            if (!RouteNames.isValid(name)) {
                problems.add("Route name '" + name + "' on " + entry.source() + " is invalid: use dot-separated"
                        + " segments of letters, digits, '_' and '-', at most " + RouteNames.MAX_LENGTH
                        + " characters (e.g. 'chat.send')");
            } else if (RouteNames.isReserved(name)) {
                problems.add("Route name '" + name + "' on " + entry.source() + " uses the reserved prefix '"
                        + RouteNames.RESERVED_PREFIX + "': rename the route");
            } else {
                RouteEntry previous = byName.putIfAbsent(name, entry);
                if (previous != null) {
                    problems.add("Route '" + name + "' is served by two beans: " + previous.source() + " and "
                            + entry.source() + ". Rename one of them with @Route(\"...\") or remove it");
                }
            }
        }
        if (!problems.isEmpty()) {
            Collections.sort(problems);
            throw new RouteTableException(String.join("\n", problems));
        }
        return new RouteTable(byName);
    }

    /** @return the entry serving {@code name}, or null */
    public RouteEntry find(String name) {
        return routes.get(name);
    }

    /** @return the route names, sorted */
    public List<String> names() {
        return names;
    }

    /** @return the entries, sorted by name */
    public List<RouteEntry> entries() {
        return names.stream().map(routes::get).toList();
    }
}

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
        this.names = new TreeMap<>(routes).keySet().stream().filter(n -> !RouteNames.isReserved(n)).toList();
    }

    /**
     * @param entries the application's routes
     * @return the table
     * @throws RouteTableException listing every invalid name and every duplicate with both beans
     */
    public static RouteTable of(List<RouteEntry> entries) {
        return of(entries, List.of());
    }

    /**
     * @param entries  the application's routes
     * @param builtIns Hitch's own routes, all in the reserved {@code hitch.} namespace
     * @return the table
     * @throws RouteTableException listing every invalid name and every duplicate with both beans
     */
    public static RouteTable of(List<RouteEntry> entries, List<RouteEntry> builtIns) {
        Map<String, RouteEntry> byName = new HashMap<>();
        for (RouteEntry builtIn : builtIns) {
            if (!RouteNames.isValid(builtIn.name()) || !RouteNames.isReserved(builtIn.name())) {
                throw new IllegalArgumentException("built-in route outside the hitch. namespace: " + builtIn.name());
            }
            byName.put(builtIn.name(), builtIn);
        }
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

    /** @return the application's route names, sorted (built-ins are not listed) */
    public List<String> names() {
        return names;
    }

    /** @return every entry, built-ins included, sorted by name */
    public List<RouteEntry> entries() {
        return new TreeMap<>(routes).values().stream().toList();
    }
}

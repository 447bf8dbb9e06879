package io.hitch.manager;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The {@code manager.state} push: everything the console shows, once a second. */
public record ManagerState(Instant at, Summary summary, List<PeerRow> peers, int peersMatching,
                           List<RouteRow> routes, List<GroupRow> groups, List<Sample> throughput,
                           List<Activity.ErrorEntry> errors, List<Activity.TrafficEntry> traffic,
                           List<NodeRow> nodes) {

    /**
     * One node of the cluster (this one alone with the memory backplane); {@code truncated} when the
     * peer table draws on only the first {@value StateBuilder#MAX_REMOTE_PER_NODE} of its peers.
     */
    public record NodeRow(String id, long peers, boolean self, boolean truncated) {
    }

    /** Totals of this node. */
    public record Summary(int peers, int groups, int routes, long framesIn, long framesOut, long uptimeMs) {
    }

    /**
     * One connected peer, of this node or ({@code remote}) of another: a remote row has what presence
     * holds (id, node, user, address, origin, since), and null for what stays on its node.
     */
    public record PeerRow(String id, String node, boolean remote, String user, String address, String origin,
                          String userAgent, Instant since, Long framesIn, Long framesOut, Long bytesIn,
                          Long bytesOut, Long pending, List<String> groups) {
    }

    /** One route and its figures. */
    public record RouteRow(String name, String bean, String rule, long calls, Map<String, Long> errors,
                           long inFlight, double p50Ms, double p99Ms) {
    }

    /** One group. */
    public record GroupRow(String name, int size, List<String> members) {
    }

    /** One second of traffic. */
    public record Sample(long at, long in, long out, int connections) {
    }
}

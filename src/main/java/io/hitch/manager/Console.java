package io.hitch.manager;

import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Map;

/** The manager routes' requests and replies. */
public final class Console {

    /** The roles of the manager: monitor watches, operator also acts. */
    public static final String MONITOR = "monitor";
    /** The role that may act. */
    public static final String OPERATOR = "operator";
    /** The error code of an action that works only on the node the peer is connected to. */
    public static final String ON_ANOTHER_NODE = "on_another_node";

    private Console() {
    }

    /** {@code manager.watch}: what to show. */
    public record Watch(@Size(max = 200) String query,
                        @Pattern(regexp = "id|user|address|since|in|out|pending") String sort,
                        @Size(max = 64) String node, Boolean hidePayloads) {
    }

    /** A peer, by id. */
    public record PeerRef(@NotBlank @Size(max = 64) String peer) {
    }

    /** {@code manager.peer}'s answer: the peer's row and its attributes (as text, shortened). */
    public record PeerDetail(ManagerState.PeerRow peer, Map<String, String> attributes) {
    }

    /** {@code manager.disconnect}. */
    public record Disconnect(@NotBlank @Size(max = 64) String peer, @Size(max = 100) String reason) {
    }

    /** {@code manager.push}: to one peer, a group, or everyone. */
    public record Push(@NotBlank @Pattern(regexp = "peer|group|all") String target, @Size(max = 64) String peer,
                       @Size(max = 200) String group,
                       @NotBlank @Size(max = 128) @Pattern(regexp = "(?!hitch\\.)[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*",
                               message = "must be a route name outside the reserved hitch. prefix") String route,
                       JsonValue data) {
    }

    /** {@code manager.join} and {@code manager.leave}. */
    public record Membership(@NotBlank @Size(max = 64) String peer, @NotBlank @Size(max = 200) String group) {
    }

    /** {@code manager.call}: a test request to any application route, as if from a client. */
    public record Call(@NotBlank @Size(max = 128) String route, JsonValue data) {
    }

    /** What an action did. */
    public record Done(boolean done, String detail) {
    }
}

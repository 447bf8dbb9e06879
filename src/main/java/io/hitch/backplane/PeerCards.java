package io.hitch.backplane;

import io.lettuce.core.MapScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A node's peer cards in Redis ({@link RedisKeys#nodeCards}): what other nodes list of its peers.
 * A card is written once per connection and read only by managers, so it adds nothing per frame.
 */
final class PeerCards {

    /** The cards of one node, and whether the read stopped at its limit. */
    record Read(List<PeerPresence> peers, boolean truncated) {
    }

    private PeerCards() {
    }

    // A peer announced again before its card was written has none of it: an empty card.
    static String encode(PeerPresence peer) {
        JsonObjectBuilder card = Json.createObjectBuilder();
        if (peer.address() != null) {
            card.add("a", peer.address());
        }
        if (peer.since() != null) {
            card.add("s", peer.since().toEpochMilli());
        }
        if (peer.user() != null) {
            card.add("u", peer.user());
        }
        if (peer.origin() != null) {
            card.add("o", peer.origin());
        }
        return card.build().toString();
    }

    // A card that cannot be read (written by another version, say) still lists the peer by id.
    static PeerPresence decode(String peerId, String node, String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            JsonObject card = reader.readObject();
            return new PeerPresence(peerId, node, card.getString("u", null), card.getString("a", null),
                    card.getString("o", null), card.containsKey("s")
                            ? Instant.ofEpochMilli(card.getJsonNumber("s").longValue()) : null);
        } catch (JsonException | ClassCastException e) {
            return new PeerPresence(peerId, node, null, null, null, null);
        }
    }

    /** @return the card of a peer of {@code node}, or a card with its id and node alone if it has none */
    static PeerPresence read(RedisCommands<String, String> redis, String node, String peerId) {
        String card = redis.hget(RedisKeys.nodeCards(node), peerId);
        return card == null ? new PeerPresence(peerId, node, null, null, null, null) : decode(peerId, node, card);
    }

    /** Reads at most {@code max} cards of a node: all of them, or the first ones a scan returns. */
    static Read read(RedisCommands<String, String> redis, String node, int max) {
        String key = RedisKeys.nodeCards(node);
        List<PeerPresence> peers = new ArrayList<>();
        if (redis.hlen(key) <= max) {
            redis.hgetall(key).forEach((id, card) -> peers.add(decode(id, node, card)));
            return new Read(peers, false);
        }
        ScanCursor cursor = ScanCursor.INITIAL;
        while (peers.size() < max && !cursor.isFinished()) {
            MapScanCursor<String, String> page = redis.hscan(key, cursor, ScanArgs.Builder.limit(Math.min(max, 1_000)));
            for (Map.Entry<String, String> card : page.getMap().entrySet()) {
                if (peers.size() < max) {
                    peers.add(decode(card.getKey(), node, card.getValue()));
                }
            }
            cursor = page;
        }
        return new Read(peers, true);
    }
}

package io.hitch.peers;

import io.hitch.config.HitchConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.Principal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/** The connected peers of this server, and their open and close. */
@ApplicationScoped
public class PeerRegistry {

    private static final Logger LOG = Logger.getLogger("io.hitch");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Close code sent to every peer when the application stops. */
    public static final int GOING_AWAY = 1001;

    private final Map<String, PeerSession> peers = new ConcurrentHashMap<>();
    private int outboundMaxFrames;

    protected PeerRegistry() {
        // for CDI proxies
    }

    @Inject
    public PeerRegistry(HitchConfig config) {
        this.outboundMaxFrames = config.outboundMaxFrames();
    }

    /**
     * @param sink      the transport's side of the connection
     * @param principal the authenticated user, or null
     * @return the new peer, registered
     */
    public PeerSession open(FrameSink sink, Principal principal) {
        PeerSession peer = new PeerSession(newId(), principal, sink, outboundMaxFrames);
        peers.put(peer.id(), peer);
        LOG.info(() -> "Peer " + peer.id() + " connected" + (principal == null ? "" : " as " + principal.getName())
                + " (" + peers.size() + " connected)");
        return peer;
    }

    /**
     * @param peer   the peer whose connection closed
     * @param code   the close code
     * @param reason the close reason
     */
    public void closed(PeerSession peer, int code, String reason) {
        if (peers.remove(peer.id()) == null) {
            return;
        }
        peer.closed();
        long[] traffic = peer.traffic();
        LOG.info(() -> "Peer " + peer.id() + " disconnected: " + code + (reason == null || reason.isEmpty() ? ""
                : " " + reason) + " after " + Duration.between(peer.connectedAt(), Instant.now()).toSeconds()
                + " s, frames in " + traffic[0] + ", out " + traffic[1]);
    }

    /** @return the open peers */
    public Collection<PeerSession> all() {
        return peers.values();
    }

    /** @return the peer with that id, or null */
    public PeerSession find(String id) {
        return peers.get(id);
    }

    @PreDestroy
    void shutdown() {
        for (PeerSession peer : peers.values()) {
            peer.close(GOING_AWAY, "server shutting down");
        }
    }

    // 128 random bits, URL-safe: unguessable, so a peer id can be shown to other clients later.
    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

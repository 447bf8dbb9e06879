package io.hitch.manager;

import io.hitch.config.AccessConfig;
import io.hitch.config.FlowConfig;
import io.hitch.config.HitchConfig;
import io.hitch.dispatch.Binder;
import io.hitch.dispatch.Dispatcher;
import io.hitch.dispatch.Incidents;
import io.hitch.dispatch.Inbound;
import io.hitch.dispatch.InputValidator;
import io.hitch.dispatch.RouteExtension;
import io.hitch.peers.FrameSink;
import io.hitch.peers.Handshake;
import io.hitch.protocol.FrameDecoder;
import io.hitch.protocol.FrameEncoder;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.validation.ValidatorFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The manager's endpoint logic: its own route table and dispatcher (manager routes are not reachable
 * from the application endpoint), its console sessions, and the state pushed to them every second.
 */
@ApplicationScoped
public class ManagerHub {

    private static final Logger LOG = Logger.getLogger("io.hitch.manager");

    @Inject
    RouteExtension routes;
    @Inject
    HitchConfig config;
    @Inject
    AccessConfig access;
    @Inject
    FlowConfig flow;
    @Inject
    ValidatorFactory validation;
    @Inject
    Binder binder;
    @Inject
    StateBuilder state;
    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Set<ManagerSession> sessions = ConcurrentHashMap.newKeySet();
    private Inbound inbound;
    private io.hitch.dispatch.Welcome welcome;
    private ScheduledFuture<?> ticker;

    void start(@Observes Startup startup) {
        Incidents incidents = new Incidents();
        Dispatcher dispatcher = new Dispatcher(routes.table("manager"), binder, InputValidator.of(validation),
                incidents, 16, config.requestTimeoutMs(), new Dispatcher.Limits(true, 50, 100, 1_000));
        inbound = new Inbound(new FrameDecoder(config.maxDepth()), dispatcher, incidents);
        welcome = new io.hitch.dispatch.Welcome(routes.table("manager"), config);
        ticker = scheduler.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    ManagerSession open(FrameSink sink, Handshake handshake) {
        ManagerSession session = new ManagerSession(handshake, sink);
        // The web.xml constraint admits only these roles; this holds even if security is misconfigured.
        if (!session.isUserInRole(Console.MONITOR) && !session.isUserInRole(Console.OPERATOR)) {
            LOG.info(() -> "Refused a manager console to " + session.user() + ": no manager role");
            session.close(1008, "the manager needs the monitor or operator role");
            return session;
        }
        sessions.add(session);
        LOG.info(() -> "Manager console opened by " + session.user() + " from " + handshake.remoteAddress());
        session.send(welcome.frameFor(session.id()));
        session.send(frame(session));
        return session;
    }

    void onText(ManagerSession session, String text) {
        inbound.onText(session, text);
    }

    void onBinary(ManagerSession session) {
        inbound.onBinary(session);
    }

    void closed(ManagerSession session) {
        if (sessions.remove(session)) {
            session.closed();
            LOG.info(() -> "Manager console of " + session.user() + " closed");
        }
    }

    /** Sends {@code session} the state now (after it changed its view or acted). */
    void refresh(ManagerSession session) {
        session.send(frame(session));
    }

    private void tick() {
        try {
            state.sample();
            for (ManagerSession session : sessions) {
                session.send(frame(session));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Building the manager state failed", e);
        }
    }

    private String frame(ManagerSession session) {
        return FrameEncoder.push("manager.state", binder.toJson(state.build(session.view())));
    }

    @PreDestroy
    void stop() {
        if (ticker != null) {
            ticker.cancel(false);
        }
        sessions.forEach(s -> s.close(1001, "server shutting down"));
    }
}

package io.hitch.backplane;

import io.hitch.config.BackplaneConfig;
import io.hitch.config.RecoveryConfig;
import io.hitch.protocol.FrameEncoder;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.DefaultClientResources;
import io.netty.resolver.DefaultAddressResolverGroup;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A cluster of nodes on Redis ({@code hitch.backplane=redis}). A push is numbered, kept (a Redis
 * stream per Hitch stream, bounded by count and age) and published in one Lua script, so every node
 * receives a stream's pushes in number order, each frame once per node. Presence, departures and
 * node heartbeats are in {@link RedisPresence}. Lettuce reconnects and resubscribes by itself; while
 * Redis is unreachable the node is not ready and what cannot be published is counted and logged.
 */
public final class RedisBackplane implements Backplane {

    private static final Logger LOG = Logger.getLogger("io.hitch");
    private static final int LOCK_STRIPES = 256;

    private final RecoveryConfig recovery;
    private final BackplaneConfig config;
    private final String nodeId = UUID.randomUUID().toString();
    private final RedisClient client;
    private final Lock[] locks = new Lock[LOCK_STRIPES];
    // Messages leave Lettuce's event loop at once: a catch-up reads Redis while holding a stream lock.
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(daemon("hitch-backplane-delivery"));
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("hitch-backplane"));
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile StatefulRedisPubSubConnection<String, String> pubsub;
    private volatile Deliveries deliveries;
    private volatile BackplaneListener listener = new BackplaneListener() {
        @Override
        public void published(long nanos) {
        }

        @Override
        public void undeliverable(String what) {
        }
    };
    private final RedisPresence presence;
    private final FailureLog failures = new FailureLog(LOG);
    private final RemoteCalls calls = new RemoteCalls(nodeId, this::send);

    public RedisBackplane(BackplaneConfig config, RecoveryConfig recovery) {
        this.config = config;
        this.recovery = recovery;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
        RedisURI uri = RedisURI.create(config.redisUri().trim());
        uri.setTimeout(Duration.ofSeconds(2));
        // The JDK's resolver (the system's, like the rest of the server) rather than Netty's own DNS client.
        this.client = RedisClient.create(DefaultClientResources.builder()
                .addressResolverGroup(DefaultAddressResolverGroup.INSTANCE).build(), uri);
        // Fail fast while disconnected: a queued command would be delivered late, or never.
        client.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        this.presence = new RedisPresence(this, nodeId, config.nodeTimeoutMs(), recovery.windowMs());
    }

    /** Observes publishing for metrics. */
    public void listener(BackplaneListener listener) {
        this.listener = listener;
    }

    @Override
    public void start(Deliveries deliveries) {
        this.deliveries = deliveries;
        long beat = Math.max(200, config.nodeTimeoutMs() / 3);
        heartbeat.scheduleWithFixedDelay(this::beat, 0, beat, TimeUnit.MILLISECONDS);
    }

    // Connects (again) when needed, announces this node and removes dead ones.
    private void beat() {
        try {
            if (connection == null) {
                connect();
            }
            presence.beat(commands(), deliveries);
        } catch (RuntimeException e) {
            failures.log("The Redis backplane cannot reach Redis", e);
        } catch (Error e) {
            // An error would end the heartbeat silently: say so, the node is not ready any more.
            LOG.log(Level.SEVERE, "The Redis backplane's heartbeat failed", e);
            throw e;
        }
    }

    private synchronized void connect() {
        if (connection != null) {
            return;
        }
        StatefulRedisPubSubConnection<String, String> bus = client.connectPubSub();
        bus.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                try {
                    delivery.execute(() -> receive(message));
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    // this node is stopping: nothing is delivered any more
                }
            }
        });
        bus.sync().subscribe(RedisKeys.BUS);
        this.pubsub = bus;
        this.connection = client.connect();
        LOG.info(() -> "Redis backplane connected as node " + nodeId);
    }

    RedisCommands<String, String> commands() {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null) {
            throw new BackplaneException("not connected to Redis");
        }
        return c.sync();
    }

    private void receive(String message) {
        try {
            if (message.startsWith("D")) {
                int a = message.indexOf(' ');
                int b = message.indexOf(' ', a + 1);
                int c = message.indexOf(' ', b + 1);
                long seq = Long.parseLong(message.substring(1, a));
                int streamLength = Integer.parseInt(message.substring(a + 1, b));
                int exceptLength = Integer.parseInt(message.substring(b + 1, c));
                String stream = message.substring(c + 1, c + 1 + streamLength);
                String except = message.substring(c + 1 + streamLength, c + 1 + streamLength + exceptLength);
                String frame = message.substring(c + 1 + streamLength + exceptLength);
                deliveries.deliver(stream, seq, frame, except.isEmpty() ? null : except);
            } else if (message.startsWith("Q") || message.startsWith("A")) {
                calls.receive(message, deliveries);
            } else if (message.startsWith("K")) {
                // "K<peer> <node>": taken over; "K<peer> <node> <code> <reason>": close it so
                String[] parts = message.substring(1).split(" ", 4);
                if (parts.length == 2 && parts[1].equals(nodeId)) {
                    deliveries.takenOver(parts[0]);
                } else if (parts.length == 4 && parts[1].equals(nodeId)) {
                    deliveries.closeAsked(parts[0], Integer.parseInt(parts[2]), parts[3]);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A message from the Redis backplane could not be delivered", e);
        }
    }

    @Override
    public Lock lock(String stream) {
        return locks[Math.floorMod(stream.hashCode(), LOCK_STRIPES)];
    }

    @Override
    public void publish(String stream, String route, String dataJson, String except) {
        String frame = FrameEncoder.push(route, dataJson, stream, 0);
        String upToNumber = frame.substring(0, frame.length() - 2);
        int max = Streams.isPeer(stream) ? recovery.peerMaxPushes() : recovery.groupMaxPushes();
        long start = System.nanoTime();
        StatefulRedisConnection<String, String> c = connection;
        if (c == null) {
            undeliverable(stream, route, null);
            return;
        }
        c.async().<String>eval(RedisScripts.PUBLISH, ScriptOutputType.VALUE,
                new String[] {RedisKeys.seq(stream), RedisKeys.log(stream)}, upToNumber, stream,
                except == null ? "" : except, Integer.toString(max), Long.toString(recovery.windowMs()), RedisKeys.BUS)
                .whenComplete((seq, error) -> {
                    if (error != null) {
                        undeliverable(stream, route, error);
                    } else {
                        listener.published(System.nanoTime() - start);
                    }
                });
    }

    private void undeliverable(String stream, String route, Throwable error) {
        listener.undeliverable(stream);
        failures.log("A push to " + route + " on " + stream + " could not reach Redis and is lost", error);
    }

    // Unreachable Redis: 0, so the peer still gets every push that arrives (nothing else can).
    @Override
    public long position(String stream) {
        return attempt("a stream position", () -> {
            String last = commands().get(RedisKeys.seq(stream));
            return last == null ? 0L : Long.parseLong(last);
        }, 0L);
    }

    private <T> T attempt(String what, java.util.function.Supplier<T> action, T otherwise) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            listener.undeliverable(what);
            failures.log("The Redis backplane could not read or write " + what, e);
            return otherwise;
        }
    }

    @Override
    public List<StreamLog.Entry> after(String stream, long from, boolean complete) {
        return attempt("kept pushes", () -> RedisStreams.read(commands(), stream, from, complete, recovery.windowMs()), null);
    }


    // Presence that cannot reach Redis is announced again by the next heartbeat after it is back.
    @Override
    public void connected(PeerPresence peer) {
        attempt("the presence of a peer", () -> {
            presence.connected(peer);
            return null;
        }, null);
    }

    @Override
    public void positioned(String peerId, String stream, Long position) {
        attempt("a peer's position", () -> {
            presence.positioned(peerId, stream, position);
            return null;
        }, null);
    }

    @Override
    public void departed(String peerId, Map<String, Long> positions) {
        attempt("a departure", () -> {
            presence.departed(peerId, positions);
            return null;
        }, null);
    }

    @Override
    public Departure claim(String peerId) {
        return attempt("a departure", () -> presence.claim(peerId), null);
    }

    @Override
    public boolean isDeparted(String peerId) {
        return attempt("a departure", () -> presence.isDeparted(peerId), false);
    }

    @Override
    public Optional<String> locate(String peerId) {
        return attempt("the presence of a peer", () -> presence.locate(peerId), Optional.empty());
    }

    @Override
    public java.util.concurrent.CompletableFuture<jakarta.json.JsonValue> ask(String node, String peerId, String route,
            String dataJson, String from, Duration timeout, boolean answerWanted) {
        return calls.ask(node, peerId, route, dataJson, from, timeout, answerWanted);
    }

    // Fire and forget on the bus; a message that cannot be sent ends as the asker's timeout.
    private void send(String message) {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null) {
            undeliverable("the bus", "a relay", null);
            return;
        }
        c.async().publish(RedisKeys.BUS, message).whenComplete((receivers, error) -> {
            if (error != null) {
                undeliverable("the bus", "a relay", error);
            }
        });
    }

    /** Asks the node a peer is on to close it: the peer resumed elsewhere. */
    void kick(String peerId, String node) {
        commands().publish(RedisKeys.BUS, "K" + peerId + " " + node);
    }

    // Sent like a relay: one that cannot reach Redis is counted and logged as undeliverable.
    @Override
    public void disconnect(String node, String peerId, int code, String reason) {
        send("K" + peerId + " " + node + " " + code + " " + (reason == null ? "" : reason));
    }

    @Override
    public Optional<PeerPresence> presenceOf(String peerId) {
        return attempt("the presence of a peer", () -> presence.find(peerId), Optional.empty());
    }

    @Override
    public ClusterPresence presence(int maxPerNode) {
        return attempt("the cluster's presence", () -> presence.cluster(maxPerNode), ClusterPresence.ALONE);
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public boolean healthy() {
        StatefulRedisConnection<String, String> c = connection;
        StatefulRedisPubSubConnection<String, String> bus = pubsub;
        return c != null && c.isOpen() && bus != null && bus.isOpen() && presence.beating();
    }

    @Override
    public void sweep(Set<String> inUse) {
        // Redis expires what the window no longer covers.
    }

    @Override
    public Map<String, Long> nodes() {
        return attempt("the nodes", presence::nodes, Map.of());
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            if (connection != null) {
                presence.leave(commands());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Could not sign off from Redis", e);
        }
        delivery.shutdownNow();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    /**
     * Stops at once without signing off or telling anyone, as a node killed with {@code kill -9}
     * would: for failover tests and drills. The other nodes remove its peers after the node timeout.
     */
    public void halt() {
        heartbeat.shutdownNow();
        delivery.shutdownNow();
        client.shutdown(Duration.ZERO, Duration.ZERO);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}

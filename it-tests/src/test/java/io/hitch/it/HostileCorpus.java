package io.hitch.it;

import jakarta.json.Json;
import jakarta.json.JsonValue;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Generates hostile hitch/1 messages from a seed, each with the answer PROTOCOL.md §2.6 gives it on
 * an open connection: broken JSON, wrong types in every member, absurd ids, long strings, deep
 * nesting, unknown and reserved routes, binary messages, and any of them split into fragments.
 * Request ids are unique across a corpus, so every reply can be traced to its message.
 *
 * <p>Messages that close the connection (invalid UTF-8, oversize, WebSocket protocol errors) are
 * separate lists: each needs a connection of its own.
 */
final class HostileCorpus {

    /** The kind of answer a message must get. */
    enum Kind {
        /** A reply (no {@code error}) to the message's id. */
        REPLY,
        /** An error reply with the given code to the message's id. */
        ERROR,
        /** A reply or an error reply to the message's id: how leniently data binds is not specified. */
        ANSWER,
        /** A {@code hitch.error} push with the given code and, for a failed notification, its route. */
        PUSH,
        /** Nothing: a notification that succeeded. */
        NONE
    }

    /**
     * What the server must send back.
     *
     * @param kind  the kind of answer
     * @param re    the id the reply carries, as JSON text (REPLY, ERROR, ANSWER)
     * @param code  the error code (ERROR, PUSH)
     * @param route the push's {@code data.route}, or null when the push must carry none (PUSH)
     * @param data  the reply's data, or null when any data will do (REPLY)
     */
    record Expect(Kind kind, String re, String code, String route, JsonValue data) {

        static Expect reply(String re) {
            return new Expect(Kind.REPLY, re, null, null, null);
        }

        static Expect reply(String re, JsonValue data) {
            return new Expect(Kind.REPLY, re, null, null, data);
        }

        static Expect error(String re, String code) {
            return new Expect(Kind.ERROR, re, code, null, null);
        }

        static Expect answer(String re) {
            return new Expect(Kind.ANSWER, re, null, null, null);
        }

        static Expect push(String code) {
            return new Expect(Kind.PUSH, null, code, null, null);
        }

        static Expect push(String code, String route) {
            return new Expect(Kind.PUSH, null, code, route, null);
        }

        static Expect none() {
            return new Expect(Kind.NONE, null, null, null, null);
        }

        /** @return the push's key: code and route */
        String pushKey() {
            return code + " route=" + route;
        }
    }

    /**
     * One hostile message.
     *
     * @param category    what it tests, for failure messages and counts
     * @param opcode      {@link RawWebSocket#TEXT} or {@link RawWebSocket#BINARY}
     * @param fragments   the payloads of the frames it is sent in (one for an unfragmented message)
     * @param pingBetween whether a ping goes between its first two fragments (it gets a pong)
     * @param expect      what the server must send back
     */
    record Hostile(String category, int opcode, List<byte[]> fragments, boolean pingBetween, Expect expect) {

        int size() {
            return fragments.stream().mapToInt(f -> f.length).sum();
        }

        /** @return the start of the message, for failure messages */
        String preview() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            fragments.forEach(all::writeBytes);
            String text = opcode == RawWebSocket.TEXT ? all.toString(StandardCharsets.UTF_8)
                    : "<binary " + all.size() + " bytes>";
            return category + " [" + size() + " bytes in " + fragments.size() + " frame(s)] "
                    + (text.length() > 160 ? text.substring(0, 160) + "..." : text);
        }
    }

    /**
     * A message that ends the connection.
     *
     * @param category  what it tests
     * @param send      sends it on a fresh connection (after the welcome was read)
     * @param closeCode the close code the server must send
     */
    record Closing(String category, Step send, int closeCode) {
    }

    /** Sends something on a raw connection. */
    @FunctionalInterface
    interface Step {
        void run(RawWebSocket socket) throws Exception;
    }

    /** Nesting levels a frame may have: {@code hitch.max-depth}, 64 by default and not announced. */
    static final int MAX_DEPTH = 64;
    /** The longest number literal a frame may hold. */
    static final int MAX_NUMBER = 1100;

    private static final String[] NOT_AN_ID = {"null", "true", "false", "1.5", "7.0", "7e0", "1E2", "-1", "-0",
        "9007199254740992", "18446744073709551616", "123456789012345678901234567890", "1e999999999", "0.0",
        "\"\"", "[]", "[1]", "{}", "{\"id\":1}", "\"" + "i".repeat(65) + "\"",
        "\"" + "\uD83D\uDE00".repeat(33) + "\"", "\"" + "a".repeat(63) + "\uD83D\uDE00\""};
    private static final String[] NOT_A_STRING = {"5", "-1", "1.5", "true", "false", "null", "[]", "{}",
        "[\"echo\"]", "{\"name\":\"echo\"}", "1e999999999"};
    private static final String[] ANY_VALUE = {"null", "true", "false", "0", "-0", "-1", "1.5", "1e400", "1E-400",
        "9007199254740993", "123456789012345678901234567890.123456789", "\"\"", "\"x\"", "[]", "{}", "[[[]]]",
        "{\"a\":{}}", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\u0000\"", "\"\u202e\"", "\"\uFEFF\"", "\"\\\"\"",
        "\"" + "z".repeat(70) + "\""};
    private static final String[] UNKNOWN_ROUTES = {"hitch.anything", "hitch.", "hitch.Ping", "HITCH.PING",
        "hitch.ping.x", "hitch.welcome", "hitch.error", "hitch.relay.x", "hitch.relay2", "hitch..ping", "nope",
        "", ".hello", "hello.", "a..b", "he llo", "h\u00e9llo", "\u0000", "../../etc/passwd", "echo ", " echo",
        "ECHO", "Echo", "echo\n", "chat", "r".repeat(129), "\uD83D\uDE00"};
    private static final String[] BROKEN = {"{", "}", "{\"route\"", "{\"route\":}", "{\"route\":\"echo\",}",
        "{'route':'echo','id':1}", "{route:\"echo\",id:1}", "{\"route\":\"echo\" \"id\":1}",
        "{\"route\":\"echo\",\"id\":01}", "{\"route\":\"echo\",\"id\":+1}", "{\"route\":\"echo\",\"id\":.5}",
        "{\"route\":\"echo\",\"id\":0x10}", "{\"route\":\"echo\",\"id\":1,\"data\":NaN}",
        "{\"route\":\"echo\",\"id\":1,\"data\":Infinity}", "{\"route\":\"echo\",\"id\":1,\"data\":undefined}",
        "{\"route\":\"echo\",\"id\":1,\"data\":\"\\x41\"}", "{\"route\":\"echo\",\"id\":1,\"data\":\"\\u12G4\"}",
        "{\"route\":\"echo\",\"id\":1,\"data\":\"tab\there\"}", "{\"route\":\"echo\",\"id\":1,\"data\":\"nul\u0000\"}",
        "{\"route\":\"echo\",\"id\":1,\"data\":\"open}", "{\"route\":\"echo\",\"id\":1 /* c */}",
        "// comment\n{\"route\":\"echo\",\"id\":1}", "{\"route\":\"echo\",\"id\":1,\"data\":[1,]}",
        "{\"route\":\"echo\",\"id\":1,\"data\":tru}", "{\"route\":\"echo\",\"id\":1,\"data\":nul}",
        "{\"route\":\"echo\",\"id\":1}}", "{\"route\":\"echo\",\"id\":1}{\"route\":\"echo\",\"id\":2}",
        "{\"route\":\"echo\",\"id\":1} x", "{\"route\":\"echo\",\"id\":1},", "[{\"route\":\"echo\",\"id\":1}]",
        "\uFEFF{\"route\":\"echo\",\"id\":1}", "", " ", "\n\t\r ", "\"route\"", "42", "null", "true", "[]",
        "{\"route\":\"echo\",\"id\":1,\"route\":\"hello\"}", "{\"route\":\"echo\",\"id\":1,\"id\":2}",
        "{\"route\":\"echo\",\"id\":1,\"data\":{\"a\":1,\"a\":2}}",
        "{\"route\":\"echo\",\"id\":1,\"data\":[{\"k\":[{\"x\":1,\"x\":1}]}]}",
        "{\"route\":\"hello\",\"id\":1,\"data\":{\"name\":\"a\",\"name\":\"b\"}}",
        "{\"route\":\"echo\",\"id\":1,\"x\":{\"\":1,\"\":2}}", "{\"re\":1,\"re\":1}"};

    private final Random random;
    private final int maxFrameBytes;
    private long nextId = 1;

    private HostileCorpus(long seed, int maxFrameBytes) {
        this.random = new Random(seed);
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * @param count         how many messages
     * @param seed          the random seed: the same seed gives the same corpus
     * @param maxFrameBytes the server's limit; every message stays within it
     * @return hostile messages for one open connection, each with the answer it must get
     */
    static List<Hostile> generate(int count, long seed, int maxFrameBytes) {
        HostileCorpus corpus = new HostileCorpus(seed, maxFrameBytes);
        List<Function<HostileCorpus, Hostile>> generators = List.of(
                HostileCorpus::brokenJson, HostileCorpus::brokenJson, HostileCorpus::truncated,
                HostileCorpus::garbage, HostileCorpus::trailing, HostileCorpus::duplicateKey,
                HostileCorpus::wrongRoute, HostileCorpus::wrongRoute, HostileCorpus::missingRoute,
                HostileCorpus::wrongId, HostileCorpus::wrongId, HostileCorpus::validOddId,
                HostileCorpus::wrongHelloData, HostileCorpus::wrongHelloData, HostileCorpus::wrongRelayData,
                HostileCorpus::answerFrame, HostileCorpus::answerFrame, HostileCorpus::unknownRoute,
                HostileCorpus::unknownRoute, HostileCorpus::failingNotification, HostileCorpus::ping,
                HostileCorpus::longString, HostileCorpus::longString, HostileCorpus::longRoute,
                HostileCorpus::longMember, HostileCorpus::deep, HostileCorpus::deep, HostileCorpus::deep,
                HostileCorpus::longNumber, HostileCorpus::oddValue, HostileCorpus::binary, HostileCorpus::binary,
                HostileCorpus::succeedingNotification);
        List<Hostile> out = new ArrayList<>(count);
        while (out.size() < count) {
            Hostile hostile = generators.get(corpus.random.nextInt(generators.size())).apply(corpus);
            out.add(corpus.maybeFragment(hostile));
        }
        return out;
    }

    // ---- generators: each returns a message and its answer ----

    private Hostile brokenJson() {
        return text("invalid JSON", pick(BROKEN), Expect.push("bad_frame"));
    }

    private Hostile truncated() {
        String valid = "{\"route\":\"echo\",\"id\":" + id() + ",\"data\":{\"k\":[1,\"\u00e9\",3]}}";
        return text("truncated JSON", valid.substring(0, 1 + random.nextInt(valid.length() - 1)),
                Expect.push("bad_frame"));
    }

    private Hostile garbage() {
        StringBuilder out = new StringBuilder();
        int length = 1 + random.nextInt(60);
        for (int i = 0; i < length; i++) {
            out.append(random.nextBoolean() ? (char) (32 + random.nextInt(95)) : (char) (0x80 + random.nextInt(0xD000)));
        }
        String text = out.charAt(0) == '{' ? "x" + out : out.toString();
        return text("garbage", text, Expect.push("bad_frame"));
    }

    private Hostile trailing() {
        String[] tails = {" x", "}", "]", ",", "{}", "[]", "0", "\"\"", "null", "\u00a0", "\u2028", "//"};
        return text("text after the object", request("echo", id(), "1") + pick(tails), Expect.push("bad_frame"));
    }

    private Hostile duplicateKey() {
        long id = id();
        String key = pick(new String[] {"route", "id", "data", "x", "name"});
        int depth = random.nextInt(6);
        String inner = "{\"" + key + "\":1,\"" + key + "\":2}";
        String data = "[".repeat(depth) + inner + "]".repeat(depth);
        return text("duplicate member", request("echo", id, data), Expect.push("bad_frame"));
    }

    private Hostile wrongRoute() {
        String route = pick(NOT_A_STRING);
        if (random.nextInt(4) == 0) {
            return text("route of the wrong type", "{\"route\":" + route + "}", Expect.push("bad_frame"));
        }
        long id = id();
        return text("route of the wrong type", "{\"route\":" + route + ",\"id\":" + id + ",\"data\":1}",
                Expect.error(Long.toString(id), "bad_frame"));
    }

    private Hostile missingRoute() {
        long id = id();
        String[] shapes = {"{\"id\":" + id + "}", "{\"id\":" + id + ",\"data\":{\"route\":\"echo\"}}",
            "{\"id\":" + id + ",\"Route\":\"echo\"}", "{\"id\":" + id + ",\"route \":\"echo\"}"};
        return text("route missing", pick(shapes), Expect.error(Long.toString(id), "bad_frame"));
    }

    private Hostile wrongId() {
        String route = pick(new String[] {"echo", "hello", "hitch.ping", "nope", "hitch.relay"});
        return text("unusable id", "{\"route\":\"" + route + "\",\"id\":" + pick(NOT_AN_ID) + ",\"data\":{}}",
                Expect.push("bad_frame"));
    }

    private Hostile validOddId() {
        long n = id();
        String id = switch (random.nextInt(6)) {
            case 0 -> Long.toString(9_007_199_254_740_991L - n); // near the largest id
            case 1 -> "\"" + pad("s" + n, 64) + "\""; // the longest string id
            case 2 -> "\"" + "\uD83D\uDE00".repeat(29) + String.format("#%05d", n) + "\""; // 64 UTF-16 units
            case 3 -> "\"\\u0041\\n\\\"" + n + "\""; // escapes
            case 4 -> "\"" + n + "\""; // a string that looks like a number
            default -> "\"\u202e" + n + "\u0000\""; // raw control characters are invalid JSON
        };
        if (id.contains("\u0000")) {
            return text("odd valid id", "{\"route\":\"echo\",\"id\":" + id + "}", Expect.push("bad_frame"));
        }
        return text("odd valid id", "{\"route\":\"echo\",\"id\":" + id + ",\"data\":" + n + "}",
                Expect.reply(id, Json.createValue(n)));
    }

    private Hostile wrongHelloData() {
        long id = id();
        String re = Long.toString(id);
        return switch (random.nextInt(14)) {
            case 0 -> text("hello: no data", "{\"route\":\"hello\",\"id\":" + id + "}", Expect.error(re, "bad_data"));
            case 1 -> text("hello: data of the wrong type", request("hello", id, pick(new String[] {"null", "5", "\"Ada\"",
                "true", "[]", "[1]", "1e999999999"})), Expect.error(re, "bad_data"));
            case 2 -> text("hello: name of the wrong type", request("hello", id, "{\"name\":" + pick(new String[] {"[]",
                "{}", "[\"Ada\"]", "{\"first\":\"Ada\"}"}) + "}"), Expect.error(re, "bad_data"));
            case 3 -> text("hello: blank name", request("hello", id, "{\"name\":" + pick(new String[] {"\"\"", "\" \"",
                "\"\\t\\n\"", "null"}) + "}"), Expect.error(re, "bad_data"));
            case 4 -> text("hello: name too long", request("hello", id, "{\"name\":\"" + "n".repeat(101 + random.nextInt(5000))
                    + "\"}"), Expect.error(re, "bad_data"));
            case 5 -> text("hello: scalar name", request("hello", id, "{\"name\":" + pick(new String[] {"5", "true", "-0",
                "1.5e3", "1e999999999"}) + "}"), Expect.answer(re));
            // JSON-B reads a one-element array as its element; leniency is not part of the protocol
            case 13 -> text("hello: data in a one-element array", request("hello", id, "[{\"name\":\"Ada\"}]"),
                    Expect.answer(re));
            case 6 -> text("hello: name of 100", request("hello", id, "{\"name\":\"" + "\u00e9".repeat(100) + "\"}"),
                    Expect.reply(re));
            case 7 -> text("hello: unknown members", request("hello", id, "{\"name\":\"Ada\",\"admin\":true,\"__proto__\":{}}"),
                    Expect.reply(re));
            case 8 -> text("hello: members of the wrong case", request("hello", id, "{\"Name\":\"Ada\"}"),
                    Expect.answer(re)); // whether JSON-B matches names case-insensitively is its own business
            case 9 -> text("hello: from is ignored", "{\"route\":\"hello\",\"id\":" + id + ",\"data\":{\"name\":\"Ada\"},"
                    + "\"from\":\"AAAAAAAAAAAAAAAAAAAAAA\"}", Expect.reply(re));
            case 10 -> text("hello: data with a string id", "{\"route\":\"hello\",\"id\":\"h" + id + "\",\"data\":{}}",
                    Expect.error("\"h" + id + "\"", "bad_data"));
            case 11 -> text("hello: whitespace around the frame", " \r\n\t" + request("hello", id, "{\"name\":\"Ada\"}") + "\n ",
                    Expect.reply(re));
            default -> text("hello: deep name", request("hello", id, "{\"name\":" + "[".repeat(20) + "]".repeat(20) + "}"),
                    Expect.error(re, "bad_data"));
        };
    }

    private Hostile wrongRelayData() {
        long id = id();
        String re = Long.toString(id);
        return switch (random.nextInt(9)) {
            case 0 -> text("relay: no data", "{\"route\":\"hitch.relay\",\"id\":" + id + "}", Expect.error(re, "bad_data"));
            case 1 -> text("relay: data of the wrong type", request("hitch.relay", id, pick(new String[] {"5", "\"x\"", "[]",
                "true"})), Expect.error(re, "bad_data"));
            case 2 -> text("relay: blank peer", request("hitch.relay", id, "{\"peer\":\"\",\"route\":\"chat.dm\"}"),
                    Expect.error(re, "bad_data"));
            case 3 -> text("relay: no route", request("hitch.relay", id, "{\"peer\":\"x\"}"), Expect.error(re, "bad_data"));
            case 4 -> text("relay: timeout not positive", request("hitch.relay", id,
                    "{\"peer\":\"x\",\"route\":\"chat.dm\",\"timeoutMs\":" + pick(new String[] {"0", "-5", "-1e3"}) + "}"),
                    Expect.error(re, "bad_data"));
            case 5 -> text("relay: timeout of the wrong type", request("hitch.relay", id,
                    "{\"peer\":\"x\",\"route\":\"chat.dm\",\"timeoutMs\":" + pick(new String[] {"[]", "{}", "\"soon\""}) + "}"),
                    Expect.error(re, "bad_data"));
            case 6 -> text("relay: a route that may not be relayed", request("hitch.relay", id,
                    "{\"peer\":\"" + pad("p", 22) + "\",\"route\":\"" + pick(new String[] {"echo", "hitch.ping", "hitch.relay",
                        "chat.say", "chat.dm.x", "*"}) + "\"}"), Expect.error(re, "forbidden"));
            case 7 -> text("relay: no such peer", request("hitch.relay", id,
                    "{\"peer\":\"" + pick(new String[] {"x", pad("q", 22), "../", "\\u0000", "p".repeat(5000)})
                    + "\",\"route\":\"chat.dm\",\"data\":{\"text\":\"psst\"}}"), Expect.error(re, "unavailable"));
            default -> text("relay: scalar members", request("hitch.relay", id,
                    "{\"peer\":" + pick(new String[] {"5", "true"}) + ",\"route\":\"chat.dm\",\"timeoutMs\":1.5}"),
                    Expect.answer(re));
        };
    }

    private Hostile answerFrame() {
        String re = random.nextInt(3) == 0 ? pick(NOT_AN_ID) : Long.toString(random.nextInt(1000));
        String[] errors = {"", ",\"error\":" + pick(ANY_VALUE), ",\"error\":{\"code\":" + pick(NOT_A_STRING) + "}",
            ",\"error\":{\"code\":\"x\",\"message\":\"m\"}", ",\"error\":{\"code\":\"Not A Code\"}", ",\"data\":" + pick(ANY_VALUE),
            ",\"route\":\"echo\",\"id\":" + id()};
        return text("stray answer", "{\"re\":" + re + pick(errors) + "}", Expect.push("bad_frame"));
    }

    private Hostile unknownRoute() {
        String route = pick(UNKNOWN_ROUTES);
        if (random.nextInt(10) == 0) {
            route = "hitch." + word(1 + random.nextInt(20));
        }
        String literal = Json.createValue(route).toString();
        if (random.nextInt(3) == 0) {
            return text("unknown route, notification", "{\"route\":" + literal + ",\"data\":" + pick(ANY_VALUE) + "}",
                    Expect.push("unknown_route", route));
        }
        long id = id();
        return text("unknown route", "{\"route\":" + literal + ",\"id\":" + id + ",\"data\":" + pick(ANY_VALUE) + "}",
                Expect.error(Long.toString(id), "unknown_route"));
    }

    private Hostile failingNotification() {
        return switch (random.nextInt(3)) {
            case 0 -> text("failing notification", "{\"route\":\"hello\",\"data\":" + pick(new String[] {"null", "5", "{}",
                "{\"name\":\"\"}", "{\"name\":[]}"}) + "}", Expect.push("bad_data", "hello"));
            case 1 -> text("failing notification", "{\"route\":\"hitch.relay\",\"data\":{\"peer\":\"x\",\"route\":\"echo\"}}",
                    Expect.push("forbidden", "hitch.relay"));
            default -> text("failing notification", "{\"route\":\"hitch.relay\",\"data\":{\"peer\":\"nobody\",\"route\":\"chat.dm\"}}",
                    Expect.push("unavailable", "hitch.relay"));
        };
    }

    private Hostile succeedingNotification() {
        String[] shapes = {"{\"route\":\"echo\",\"data\":" + pick(ANY_VALUE) + "}", "{\"route\":\"hitch.ping\"}",
            "{\"route\":\"hitch.ping\",\"data\":" + pick(ANY_VALUE) + "}", "{\"route\":\"echo\"}",
            "{\"route\":\"hello\",\"data\":{\"name\":\"quiet\"}}"};
        return text("succeeding notification", pick(shapes), Expect.none());
    }

    private Hostile ping() {
        long id = id();
        return text("ping with odd data", request("hitch.ping", id, pick(ANY_VALUE)), Expect.reply(Long.toString(id)));
    }

    private Hostile longString() {
        long id = id();
        String prefix = "{\"route\":\"echo\",\"id\":" + id + ",\"data\":";
        int room = maxFrameBytes - prefix.length() - 1;
        int target = random.nextInt(4) == 0 ? room : random.nextInt(room);
        String value = unicode(target);
        String literal = Json.createValue(value).toString();
        while (utf8(prefix + literal + "}") > maxFrameBytes) {
            value = value.substring(0, Math.max(0, value.length() - 1 - (value.length() / 50)));
            if (value.length() > 0 && Character.isHighSurrogate(value.charAt(value.length() - 1))) {
                value = value.substring(0, value.length() - 1);
            }
            literal = Json.createValue(value).toString();
        }
        return text("long string", prefix + literal + "}", Expect.reply(Long.toString(id), Json.createValue(value)));
    }

    private Hostile longRoute() {
        long id = id();
        String route = random.nextBoolean() ? "a.".repeat(100 + random.nextInt(20_000)) + "b" : unicode(200 + random.nextInt(20_000));
        String frame = "{\"route\":" + Json.createValue(route).toString() + ",\"id\":" + id + "}";
        if (utf8(frame) > maxFrameBytes) {
            return longString();
        }
        return text("long route", frame, Expect.error(Long.toString(id), "unknown_route"));
    }

    private Hostile longMember() {
        long id = id();
        String name = "x_" + word(random.nextInt(10_000));
        String value = Json.createValue(unicode(random.nextInt(10_000))).toString();
        String frame = "{\"route\":\"echo\",\"id\":" + id + ",\"data\":7,\"" + name + "\":" + value + "}";
        if (utf8(frame) > maxFrameBytes) {
            return longString();
        }
        return text("long unknown member", frame, Expect.reply(Long.toString(id), Json.createValue(7)));
    }

    // Nesting at, just over and far over the limit, in every member.
    private Hostile deep() {
        int levels = random.nextInt(3) == 0 ? 2 + random.nextInt(5_000) : MAX_DEPTH - 4 + random.nextInt(9);
        String opened = nest(levels - 1);
        boolean tooDeep = levels > MAX_DEPTH; // the frame object is level 1
        long id = id();
        String re = Long.toString(id);
        return switch (random.nextInt(6)) {
            case 0 -> text("deep data", request("echo", id, opened), tooDeep ? Expect.push("bad_frame") : Expect.reply(re));
            case 1 -> text("deep unknown member", "{\"route\":\"echo\",\"id\":" + id + ",\"x\":" + opened + "}",
                    tooDeep ? Expect.push("bad_frame") : Expect.reply(re));
            case 2 -> text("deep id", "{\"route\":\"echo\",\"id\":" + opened + "}", Expect.push("bad_frame"));
            case 3 -> text("deep route", "{\"route\":" + opened + ",\"id\":" + id + "}",
                    tooDeep ? Expect.push("bad_frame") : Expect.error(re, "bad_frame"));
            case 4 -> text("deep hello data", request("hello", id, opened),
                    tooDeep ? Expect.push("bad_frame") : Expect.error(re, "bad_data"));
            default -> text("deep notification", "{\"route\":\"echo\",\"data\":" + opened + "}",
                    tooDeep ? Expect.push("bad_frame") : Expect.none());
        };
    }

    private Hostile longNumber() {
        long id = id();
        int length = random.nextBoolean() ? MAX_NUMBER + random.nextInt(2) : MAX_NUMBER + 2 + random.nextInt(20_000);
        String number = switch (random.nextInt(3)) {
            case 0 -> "9".repeat(length);
            case 1 -> "-" + "1".repeat(length - 1);
            default -> "0." + "3".repeat(length - 2);
        };
        boolean tooLong = number.length() > MAX_NUMBER;
        return switch (random.nextInt(3)) {
            case 0 -> text("long number", request("echo", id, number),
                    tooLong ? Expect.push("bad_frame") : Expect.reply(Long.toString(id), Json.createValue(new java.math.BigDecimal(number))));
            case 1 -> text("long number in a member", "{\"route\":\"echo\",\"id\":" + id + ",\"n\":[" + number + "]}",
                    tooLong ? Expect.push("bad_frame") : Expect.reply(Long.toString(id)));
            default -> text("long number as id", "{\"route\":\"echo\",\"id\":" + number + "}", Expect.push("bad_frame"));
        };
    }

    private Hostile oddValue() {
        long id = id();
        return text("odd data", request("echo", id, pick(ANY_VALUE)), Expect.reply(Long.toString(id)));
    }

    private Hostile binary() {
        byte[] bytes;
        switch (random.nextInt(4)) {
            case 0 -> bytes = new byte[0];
            case 1 -> bytes = request("echo", id(), "\"in binary\"").getBytes(StandardCharsets.UTF_8);
            default -> {
                bytes = new byte[random.nextInt(random.nextBoolean() ? 200 : maxFrameBytes + 1)];
                random.nextBytes(bytes);
            }
        }
        return new Hostile("binary message", RawWebSocket.BINARY, List.of(bytes), false, Expect.push("bad_frame"));
    }

    // ---- messages that close the connection ----

    /** @return text messages with invalid UTF-8, each of which closes its connection with 1007 */
    static List<Closing> invalidUtf8(long seed) {
        Random random = new Random(seed);
        byte[][] sequences = {{(byte) 0x80}, {(byte) 0xBF}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xC1, (byte) 0xBF},
            {(byte) 0xE0, (byte) 0x80, (byte) 0x80}, {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xED, (byte) 0xBF, (byte) 0xBF},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xFE}, {(byte) 0xFF},
            {(byte) 0xC3, (byte) 0x28}, {(byte) 0xE2, (byte) 0x28, (byte) 0xA1}, {(byte) 0xC3}, {(byte) 0xE2, (byte) 0x82},
            {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}};
        List<Closing> out = new ArrayList<>();
        for (byte[] bad : sequences) {
            int where = random.nextInt(4);
            String name = "invalid UTF-8 " + hex(bad) + " " + switch (where) {
                case 0 -> "in a string";
                case 1 -> "at the start";
                case 2 -> "at the end";
                default -> "split across fragments";
            };
            byte[] before = "{\"route\":\"echo\",\"id\":1,\"data\":\"ok ".getBytes(StandardCharsets.UTF_8);
            byte[] after = "\"}".getBytes(StandardCharsets.UTF_8);
            byte[] whole = switch (where) {
                case 0, 3 -> concat(before, bad, after);
                case 1 -> concat(bad, before, after);
                default -> concat(before, after, bad);
            };
            out.add(new Closing(name, socket -> {
                if (where == 3) {
                    int cut = before.length + 1; // after the first byte of the bad sequence
                    socket.sendFragmented(RawWebSocket.TEXT, java.util.Arrays.copyOfRange(whole, 0, cut),
                            java.util.Arrays.copyOfRange(whole, cut, whole.length));
                } else {
                    socket.sendText(whole);
                }
            }, 1007));
        }
        return out;
    }

    /** @return messages over the limit, each of which closes its connection with 1009 */
    static List<Closing> oversize(int maxFrameBytes) {
        String prefix = "{\"route\":\"echo\",\"id\":1,\"data\":\"";
        return List.of(
                new Closing("text one byte over the limit", socket -> socket.sendText(prefix
                        + "x".repeat(maxFrameBytes + 1 - prefix.length() - 2) + "\"}"), 1009),
                new Closing("text under the limit in characters, over it in bytes", socket -> socket.sendText(prefix
                        + "\u00e9".repeat(maxFrameBytes / 2 + 10) + "\"}"), 1009),
                new Closing("binary one byte over the limit", socket -> socket.sendBinary(new byte[maxFrameBytes + 1]), 1009),
                new Closing("header declaring 2^62 bytes", socket -> socket.sendHeaderAndPayload(true, RawWebSocket.TEXT,
                        1L << 62, prefix.getBytes(StandardCharsets.UTF_8)), 1009),
                new Closing("first fragment over the limit", socket -> socket.sendFrame(false, RawWebSocket.TEXT,
                        (prefix + "y".repeat(maxFrameBytes)).getBytes(StandardCharsets.UTF_8)), 1009));
    }

    /** @return frames that break RFC 6455, each of which closes its connection with 1002 */
    static List<Closing> protocolErrors() {
        byte[] hi = "{}".getBytes(StandardCharsets.UTF_8);
        return List.of(
                new Closing("reserved bit RSV1 set", socket -> socket.sendFrame(true, 0x40 | RawWebSocket.TEXT, hi), 1002),
                new Closing("reserved opcode 3", socket -> socket.sendFrame(true, 0x3, hi), 1002),
                new Closing("continuation without a first frame", socket -> socket.sendFrame(true, RawWebSocket.CONTINUATION, hi), 1002),
                new Closing("new text message inside a fragmented one", socket -> {
                    socket.sendFrame(false, RawWebSocket.TEXT, "{\"route\"".getBytes(StandardCharsets.UTF_8));
                    socket.sendFrame(true, RawWebSocket.TEXT, hi);
                }, 1002),
                new Closing("ping with 126 bytes", socket -> socket.sendFrame(true, RawWebSocket.PING, new byte[126]), 1002),
                new Closing("fragmented ping", socket -> socket.sendFrame(false, RawWebSocket.PING, hi), 1002),
                new Closing("close with code 999", socket -> socket.sendClose(999, "bad"), 1002));
    }

    // ---- helpers ----

    // A quarter of all text messages, and some binary ones, go in 2 to 8 fragments split at random
    // byte offsets, some with empty fragments or a ping between them. Text is cut between UTF-8
    // sequences: Liberty decodes each fragment of a message handed over in parts on its own, so a
    // character split across fragments closes the connection with 1007 (see PROTOCOL.md, section 7).
    private Hostile maybeFragment(Hostile hostile) {
        if (random.nextInt(4) != 0 || hostile.fragments().size() != 1) {
            return hostile;
        }
        byte[] whole = hostile.fragments().get(0);
        int parts = 2 + random.nextInt(7);
        List<Integer> cuts = new ArrayList<>();
        for (int i = 1; i < parts; i++) {
            int cut = whole.length == 0 ? 0 : random.nextInt(whole.length + 1);
            while (hostile.opcode() == RawWebSocket.TEXT && cut < whole.length && (whole[cut] & 0xC0) == 0x80) {
                cut++; // not inside a UTF-8 sequence
            }
            cuts.add(cut);
        }
        cuts.sort(null);
        List<byte[]> fragments = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            fragments.add(java.util.Arrays.copyOfRange(whole, from, cut));
            from = cut;
        }
        fragments.add(java.util.Arrays.copyOfRange(whole, from, whole.length));
        return new Hostile(hostile.category() + ", fragmented", hostile.opcode(), fragments, random.nextInt(3) == 0,
                hostile.expect());
    }

    private Hostile text(String category, String text, Expect expect) {
        return new Hostile(category, RawWebSocket.TEXT, List.of(text.getBytes(StandardCharsets.UTF_8)), false, expect);
    }

    private long id() {
        return nextId++;
    }

    private static String request(String route, long id, String data) {
        return "{\"route\":\"" + route + "\",\"id\":" + id + ",\"data\":" + data + "}";
    }

    private String nest(int levels) {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            if (random.nextBoolean()) {
                open.append('[');
                close.append(']');
            } else {
                open.append("{\"k\":");
                close.append('}');
            }
        }
        return open.append(levels == 0 ? "0" : random.nextBoolean() ? "1" : "\"v\"").append(close.reverse()).toString();
    }

    // Text of about `length` characters: ASCII, Latin-1, other BMP characters, pairs outside it,
    // and characters JSON must escape.
    private String unicode(int length) {
        StringBuilder out = new StringBuilder(length + 1);
        while (out.length() < length) {
            switch (random.nextInt(6)) {
                case 0 -> out.appendCodePoint(0x10000 + random.nextInt(0xFFFFF));
                case 1 -> out.append((char) (0x80 + random.nextInt(0x780)));
                case 2 -> {
                    char c = (char) (0x800 + random.nextInt(0xF000));
                    out.append(Character.isSurrogate(c) ? 'S' : c);
                }
                case 3 -> out.append(pick(new String[] {"\"", "\\", "\n", "\u0000", "\u001f", "\u2028", "/", "\uFEFF"}));
                default -> out.append((char) (32 + random.nextInt(95)));
            }
        }
        return out.toString();
    }

    private String word(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) ('a' + random.nextInt(26)));
        }
        return out.toString();
    }

    private static String pad(String text, int length) {
        return text + "_".repeat(length - text.length());
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }

    static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** @return the canonical text of an id or value, so that two spellings of one value compare equal */
    static String canonical(String json) {
        return Json.createReader(new StringReader("[" + json + "]")).readArray().get(0).toString();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(out.length() == 0 ? "" : " ").append(String.format("%02X", b & 0xFF));
        }
        return out.toString();
    }
}

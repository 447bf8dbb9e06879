package io.hitch.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates frame texts for {@link FrameDecoderDifferentialTest}: valid frames (hand-written and
 * random), and many ways to break them: truncation, mutation, nesting around the depth limit, number
 * literals at their limits, odd whitespace, escapes and duplicate keys at any depth. Deterministic
 * for a given {@link Random}.
 */
final class FrameTexts {

    private static final String[] FIXED = {
        "{\"id\":123,\"route\":\"echo\",\"data\":{\"name\":\"widget-42\",\"seq\":1234567,\"price\":19.99,"
                + "\"tags\":[\"red\",\"blue\"],\"active\":true,\"note\":\"quick fox\"}}",
        "{\"route\":\"hello\",\"id\":7,\"data\":{\"name\":\"Ada\"}}",
        "{\"re\":7,\"data\":{\"message\":\"Hello, Ada!\"}}",
        "{\"re\":8,\"error\":{\"code\":\"bad_data\",\"message\":\"m\",\"details\":[{\"path\":\"name\"}]}}",
        "{\"re\":\"x\",\"error\":{\"code\":\"c\",\"details\":{\"a\":{\"a\":1,\"b\":[1,2,{\"a\":2}]}}}}",
        "{\"route\":\"a\",\"id\":\"k\\u0041\\n\\\"\",\"data\":\"\\uD83D\\uDE00 \\uD800 \\/\\b\\f\\r\\t\"}",
        "{\"ro\\u0075te\":\"a\",\"id\":9007199254740991,\"data\":[-0,0.0,1e5,1E-5,-1.5e+3,12345678901234567890]}",
        "{\"route\":\"a\",\"\\u0069d\":1,\"id\":2}",
        "{\"route\":\"a\",\"data\":{\"x\":{\"y\":{\"a\":1,\"\\u0061\":2}}}}",
        "{\"route\":\"a\",\"data\":[{\"k\":1},{\"k\":1,\"k\":2}]}",
        " \t\r\n{ \"route\" : \"a\" , \"data\" : [ 1 , { } , [ ] ] }\n ",
        "{\"route\":\"a\",\"id\":-0,\"data\":null}", "{\"route\":\"a\",\"id\":70e-1}", "{\"route\":\"a\",\"id\":1.5e1}",
        "{\"route\":\"a\",\"id\":9007199254740992}", "{\"re\":null}", "{\"re\":3,\"error\":\"x\"}", "{\"id\":3}",
        "[1,2]", "\"s\"", "42", "true", "null", "{}", "{\"route\":\"\u00e9\u4e2d\uD83D\uDE00\ud800\"}",
    };
    private static final String[] IDS = {
        "0", "1", "7", "-1", "-0", "1.0", "1.5", "7e0", "1e3", "10e-1", "0.1e1", "9007199254740991",
        "9007199254740992", "99999999999999999999", "-99999999999999999999", "1e1000000", "1.0e1000000",
        "\"\"", "\"abc\"", "\"" + "k".repeat(64) + "\"", "\"" + "k".repeat(65) + "\"", "true", "null", "[1]", "{\"n\":1}",
    };
    private static final String[] NUMBERS = {
        "0", "-0", "12", "-12", "0.5", "-0.0", "1e5", "1E+5", "1e-5", "2.5E-3", "123456789", "-1234567890",
        "1234567890", "123456789012345678", "-1234567890123456789", "12345678901234567890", "1e2147483647",
        "1e-2147483648", "1e0000000000000001", "0.1e-2147483647", "1e99999999999",
    };
    private static final String[] STRINGS = {
        "", "a", "widget-42", "\\\"", "\\\\", "\\/", "\\b\\f\\n\\r\\t", "\\u0041", "\\u00e9", "\\uD83D\\uDE00",
        "\\uD800", "\\uDC00x", "\u00e9", "\uD83D\uDE00", "\uD800", "\u007f", "\u2028", "\\u0000",
    };
    private static final String[] KEYS = {"a", "b", "\\u0061", "route", "id", "data", "re", "error", "a\\u0000", ""};
    private static final String MUTATIONS = "{}[]\":,\\ \t\n\r0123456789-+.eEtrufalsnx/\u0000\u0001\u001f\u007f"
            + "\u00a0\u000b\u2028\uD800\uDC00\uFEFF";
    private static final String[] SPACE = {"", "", "", " ", "\t", "\n", "\r\n", "  "};

    private FrameTexts() {
    }

    static List<String> corpus(Random random, int maxDepth) {
        List<String> valid = new ArrayList<>(List.of(FIXED));
        for (int i = 0; i < 600; i++) {
            valid.add(frame(random, maxDepth));
        }
        List<String> out = new ArrayList<>(valid);
        for (String text : valid.subList(0, 60)) {
            for (int n = 0; n < text.length(); n++) {
                out.add(text.substring(0, n));
            }
        }
        for (int i = 0; i < 12_000; i++) {
            out.add(mutate(random, valid.get(random.nextInt(valid.size()))));
        }
        for (int depth = maxDepth - 2; depth <= maxDepth + 1; depth++) {
            out.add("{\"route\":\"a\",\"data\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}");
            out.add("{\"route\":\"a\",\"data\":" + "{\"a\":".repeat(depth - 1) + "1" + "}".repeat(depth - 1) + "}");
            out.add("[".repeat(depth) + "]".repeat(depth));
        }
        out.add("{\"route\":\"a\",\"data\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}");
        for (int length = 1098; length <= 1102; length++) {
            out.add("{\"route\":\"a\",\"data\":" + "1".repeat(length) + "}");
            out.add("{\"route\":\"a\",\"data\":-0." + "1".repeat(length - 3) + "}");
            out.add("{\"route\":\"a\",\"id\":" + "1".repeat(length) + ",\"x\":[1e" + "1".repeat(length - 2) + "]}");
        }
        for (String space : new String[] {"\u000b", "\u00a0", "\u2028", "\uFEFF", "\f", "\u0000", "\u3000"}) {
            out.add(space + "{\"route\":\"a\"}");
            out.add("{\"route\":\"a\"}" + space);
            out.add("{\"route\":" + space + "\"a\"}");
        }
        return out;
    }

    private static String frame(Random random, int maxDepth) {
        List<String> members = new ArrayList<>();
        boolean answer = random.nextInt(5) == 0;
        if (answer) {
            members.add(member(random, "re", pick(random, IDS)));
            if (random.nextBoolean()) {
                members.add(member(random, "error", "{\"code\":" + (random.nextInt(8) == 0 ? "5" : "\"c\"")
                        + ",\"message\":\"m\",\"details\":" + value(random, 2, maxDepth) + "}"));
            }
        } else if (random.nextInt(10) > 0) {
            members.add(member(random, "route", random.nextInt(10) == 0 ? value(random, 2, maxDepth) : "\"echo\""));
        }
        if (random.nextInt(4) > 0) {
            members.add(member(random, "id", random.nextInt(3) == 0 ? pick(random, IDS) : "" + random.nextInt(1000)));
        }
        if (random.nextInt(5) > 0) {
            members.add(member(random, "data", value(random, 2, maxDepth)));
        }
        if (random.nextInt(3) == 0) {
            members.add(member(random, pick(random, KEYS), value(random, 2, maxDepth)));
        }
        java.util.Collections.shuffle(members, random);
        return space(random) + "{" + String.join(",", members) + "}" + space(random);
    }

    // Depth is the level the value would sit at; it may go one past the limit.
    private static String value(Random random, int depth, int maxDepth) {
        int kind = random.nextInt(depth > maxDepth ? 5 : 8);
        return switch (kind) {
            case 0 -> "\"" + pick(random, STRINGS) + pick(random, STRINGS) + "\"";
            case 1 -> pick(random, NUMBERS);
            case 2 -> "" + (random.nextInt(2_000_001) - 1_000_000) + (random.nextBoolean() ? "" : "." + random.nextInt(100));
            case 3 -> pick(random, new String[] {"true", "false", "null"});
            case 4, 5 -> {
                StringBuilder out = new StringBuilder("[");
                for (int i = random.nextInt(4); i > 0; i--) {
                    out.append(space(random)).append(value(random, depth + 1, maxDepth)).append(i > 1 ? "," : "");
                }
                yield out.append(space(random)).append(']').toString();
            }
            default -> {
                StringBuilder out = new StringBuilder("{");
                for (int i = random.nextInt(4); i > 0; i--) {
                    out.append(member(random, pick(random, KEYS), value(random, depth + 1, maxDepth))).append(i > 1 ? "," : "");
                }
                yield out.append(space(random)).append('}').toString();
            }
        };
    }

    private static String member(Random random, String key, String value) {
        return space(random) + "\"" + key + "\"" + space(random) + ":" + space(random) + value + space(random);
    }

    private static String mutate(Random random, String text) {
        StringBuilder out = new StringBuilder(text);
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            int at = random.nextInt(out.length() + 1);
            char c = MUTATIONS.charAt(random.nextInt(MUTATIONS.length()));
            switch (random.nextInt(4)) {
                case 0 -> out.insert(at, c);
                case 1 -> out.deleteCharAt(Math.min(at, out.length() - 1));
                case 2 -> out.setCharAt(Math.min(at, out.length() - 1), c);
                default -> out.insert(at, out.substring(at, Math.min(out.length(), at + random.nextInt(12))));
            }
            if (out.length() == 0) {
                break;
            }
        }
        return out.toString();
    }

    private static String space(Random random) {
        return pick(random, SPACE);
    }

    private static String pick(Random random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}

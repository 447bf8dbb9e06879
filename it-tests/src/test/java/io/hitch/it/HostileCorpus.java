package io.hitch.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates hostile hitch/1 frames from a seed: broken JSON, wrong member types, absurd ids and
 * routes, deep nesting, odd Unicode, mutated valid frames. Every frame is a request (with or without
 * a usable id) or garbage, never a notification to a real route, so each deserves exactly one answer.
 */
final class HostileCorpus {

    private static final String[] VALUES = {"null", "true", "false", "0", "-1", "1.5", "1e400", "-0",
        "9007199254740992", "9007199254740991", "\"\"", "\"x\"", "[]", "{}", "[[[]]]", "{\"a\":{}}",
        "\"\\ud800\"", "\"\\u0000\"", "\"\u202e\"", "123456789012345678901234567890", "\"" + "z".repeat(70) + "\""};
    private static final String[] ROUTES = {"\"echo\"", "\"hello\"", "\"hitch.ping\"", "\"nope\"", "\"\"",
        "\"a..b\"", "\"hitch.welcome\"", "\"../../etc\"", "\"" + "r".repeat(300) + "\"", "5", "null", "[]", "{}"};

    private HostileCorpus() {
    }

    static List<String> generate(int count, long seed) {
        Random random = new Random(seed);
        List<String> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            frames.add(switch (random.nextInt(8)) {
                case 0 -> garbage(random);
                case 1 -> truncated(random, i);
                case 2 -> "{\"route\":" + pick(random, ROUTES) + ",\"id\":" + (i + 1) + ",\"data\":" + pick(random, VALUES) + "}";
                case 3 -> "{\"route\":\"echo\",\"id\":" + pick(random, VALUES) + "}";
                case 4 -> "{\"route\":\"hello\",\"id\":" + (i + 1) + ",\"data\":{\"name\":" + pick(random, VALUES) + "}}";
                case 5 -> deep(random, i);
                case 6 -> pick(random, VALUES);
                default -> "{\"re\":" + pick(random, VALUES) + ",\"error\":" + pick(random, VALUES) + "}";
            });
        }
        return frames;
    }

    private static String garbage(Random random) {
        StringBuilder out = new StringBuilder();
        int length = 1 + random.nextInt(40);
        for (int i = 0; i < length; i++) {
            out.append((char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0x3000)));
        }
        return out.toString();
    }

    private static String truncated(Random random, int i) {
        String valid = "{\"route\":\"echo\",\"id\":" + (i + 1) + ",\"data\":{\"k\":[1,2,3]}}";
        return valid.substring(0, 1 + random.nextInt(valid.length() - 2));
    }

    private static String deep(Random random, int i) {
        int depth = 60 + random.nextInt(5_000);
        return "{\"route\":\"echo\",\"id\":" + (i + 1) + ",\"data\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    }

    private static String pick(Random random, String[] options) {
        return options[random.nextInt(options.length)];
    }
}

package io.hitch.protocol;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs many generated, mostly hostile texts through {@link FrameDecoder} and through
 * {@link ParssonFrameDecoder} (Parsson with the same settings, as frames were decoded before) and
 * requires the same outcome: equal frames, or the same refusal. Syntax errors only need to agree
 * that the JSON is invalid: their wording is the scanner's own.
 */
class FrameDecoderDifferentialTest {

    private static final long SEED = 20261122L;

    @Test
    void bothDecodersAgreeOnEveryGeneratedInputAtDepthLimit64() {
        int differences = compareAll(64, FrameTexts.corpus(new Random(SEED), 64));

        assertEquals(0, differences, "inputs on which the decoders differ (see the output above)");
    }

    @Test
    void bothDecodersAgreeOnEveryGeneratedInputAtDepthLimit4() {
        int differences = compareAll(4, FrameTexts.corpus(new Random(SEED + 1), 4));

        assertEquals(0, differences, "inputs on which the decoders differ (see the output above)");
    }

    @Test
    void theCorpusHoldsBothAcceptedAndRefusedFrames() {
        FrameDecoder decoder = new FrameDecoder(64);
        List<String> corpus = FrameTexts.corpus(new Random(SEED), 64);
        long accepted = corpus.stream().filter(text -> outcome(decoder::decode, text).frame() != null).count();

        assertTrue(corpus.size() > 15_000, "corpus size " + corpus.size());
        assertTrue(accepted > 1_000, accepted + " accepted of " + corpus.size());
        assertTrue(accepted < corpus.size() - 10_000, accepted + " accepted of " + corpus.size());
    }

    private static int compareAll(int maxDepth, List<String> corpus) {
        FrameDecoder decoder = new FrameDecoder(maxDepth);
        ParssonFrameDecoder reference = new ParssonFrameDecoder(maxDepth);
        List<String> differences = new ArrayList<>();
        for (String text : corpus) {
            Outcome expected = outcome(reference::decode, text);
            Outcome actual = outcome(decoder::decode, text);
            if (expected.frame() != null && actual.frame() != null && !equalBothWays(expected.frame(), actual.frame())) {
                differences.add("input  " + quote(text) + "\n  frames are not equal: " + expected.text());
            } else if (!expected.text().equals(actual.text())) {
                differences.add("input  " + quote(text) + "\n  Parsson " + expected.text() + "\n  scanner " + actual.text());
            }
        }
        differences.stream().limit(20).forEach(System.out::println);
        return differences.size();
    }

    private static boolean equalBothWays(Frame expected, Frame actual) {
        return expected.equals(actual) && actual.equals(expected) && expected.hashCode() == actual.hashCode();
    }

    /** A decoder's answer to one input: the frame (null when refused) and how it reads. */
    private record Outcome(String text, Frame frame) {
    }

    // The frame with every tree built and written out, or the refusal.
    private static Outcome outcome(java.util.function.Function<String, Frame> decode, String text) {
        try {
            Frame frame = decode.apply(text);
            return new Outcome("frame " + frame + " " + describe(frame), frame);
        } catch (BadFrameException e) {
            String message = e.getMessage().startsWith("invalid JSON: ") ? "invalid JSON" : e.getMessage();
            return new Outcome("refused: " + message + " (usable id " + e.usableId() + ")", null);
        } catch (RuntimeException e) {
            return new Outcome("threw " + e, null);
        }
    }

    // The record's toString shows the trees as JSON; this adds their types and the frame's hash,
    // so that a difference in number kinds or map equality shows too.
    private static String describe(Frame frame) {
        if (frame instanceof Frame.Request r) {
            return r.data().getValueType() + " " + r.data().hashCode();
        }
        if (frame instanceof Frame.Reply r) {
            return r.data().getValueType() + " " + r.data().hashCode();
        }
        return String.valueOf(((Frame.ErrorReply) frame).error().details());
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder();
        String shown = text.length() > 300 ? text.substring(0, 300) + "...(" + text.length() + ")" : text;
        for (char c : shown.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return out.toString();
    }
}

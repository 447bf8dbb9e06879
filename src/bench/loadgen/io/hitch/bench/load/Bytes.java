package io.hitch.bench.load;

import java.nio.charset.StandardCharsets;

/** Reads the few things the load generator needs from a frame's bytes, without a JSON parser. */
final class Bytes {

    private Bytes() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] a, int off, int len) {
        return new String(a, off, Math.min(len, 300), StandardCharsets.UTF_8);
    }

    static boolean startsWith(byte[] a, int off, int len, byte[] prefix) {
        return regionEquals(a, off, len, prefix);
    }

    static boolean regionEquals(byte[] a, int off, int len, byte[] what) {
        if (len < what.length) {
            return false;
        }
        for (int i = 0; i < what.length; i++) {
            if (a[off + i] != what[i]) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] a, int off, int len, byte[] what) {
        int end = off + len - what.length;
        outer:
        for (int i = off; i <= end; i++) {
            for (int j = 0; j < what.length; j++) {
                if (a[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** @return the non-negative integer right after {@code key}, or -1 */
    static long numberAfter(byte[] a, int off, int len, byte[] key) {
        int at = indexOf(a, off, len, key);
        if (at < 0) {
            return -1;
        }
        return digits(a, at + key.length, off + len);
    }

    /** @return the non-negative integer at {@code from}, or -1 if there is no digit there */
    static long digits(byte[] a, int from, int end) {
        long v = 0;
        int p = from;
        while (p < end && a[p] >= '0' && a[p] <= '9') {
            v = v * 10 + (a[p] - '0');
            p++;
        }
        return p == from ? -1 : v;
    }

    /** @return the index after the digits starting at {@code from} */
    static int skipDigits(byte[] a, int from, int end) {
        int p = from;
        while (p < end && a[p] >= '0' && a[p] <= '9') {
            p++;
        }
        return p;
    }
}

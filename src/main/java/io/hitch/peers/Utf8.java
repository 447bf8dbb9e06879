package io.hitch.peers;

/** The UTF-8 length of text, without encoding it. */
public final class Utf8 {

    private Utf8() {
    }

    /** @return the UTF-8 length of {@code text} */
    public static long length(String text) {
        long bytes = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                // 2 bytes below U+0800, 3 above; a surrogate pair is 4 bytes for 2 chars.
                bytes += c < 0x800 ? 1 : Character.isSurrogate(c) ? 1 : 2;
            }
        }
        return bytes;
    }
}

package io.signaling.gateway.frame;

/**
 * UTF-8 length checks without encoding the string (the limit is checked on every
 * message).
 */
final class Utf8 {

    private Utf8() {
    }

    /** Whether {@code text} encodes to more than {@code maxBytes} bytes of UTF-8. */
    static boolean exceeds(String text, int maxBytes) {
        int chars = text.length();
        if (chars > maxBytes) {
            return true; // every char is at least one byte
        }
        if ((long) chars * 3 <= maxBytes) {
            return false; // a char is at most three bytes (a surrogate pair is four bytes
                          // for two chars)
        }
        long bytes = 0;
        for (int i = 0; i < chars; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            }
            else if (c < 0x800 || Character.isSurrogate(c)) {
                bytes += 2; // each half of a pair: 4 bytes for the pair
            }
            else {
                bytes += 3;
            }
            if (bytes > maxBytes) {
                return true;
            }
        }
        return false;
    }

}

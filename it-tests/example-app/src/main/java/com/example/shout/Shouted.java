package com.example.shout;

/**
 * The reply of {@code shout}.
 *
 * @param text   the words, shouted
 * @param caller the peer id of the client that asked
 */
public record Shouted(String text, String caller) {
}

package io.hitch.demo;

/** @param message the greeting */
public record Greeting(String message) {
}

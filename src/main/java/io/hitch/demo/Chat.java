package io.hitch.demo;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/** The chat demo's messages, as they travel on the wire. */
public final class Chat {

    private Chat() {
    }

    /** @param room the room to join @param name the name to show the others */
    public record Join(@NotBlank @Size(max = 40) @Pattern(regexp = "[A-Za-z0-9 _-]*") String room,
                       @NotBlank @Size(max = 40) String name) {
    }

    /** @param room a room the caller is in */
    public record Leave(@NotBlank @Size(max = 40) String room) {
    }

    /** @param room a room the caller is in @param text what to say */
    public record Say(@NotBlank @Size(max = 40) String room, @NotBlank @Size(max = 500) String text) {
    }

    /** @param peer the peer id of the member to poke */
    public record Poke(@NotBlank @Size(max = 64) String peer) {
    }

    /** @param peer a member's peer id @param name the member's name */
    public record Member(String peer, String name) {
    }

    /** @param room the room @param members who is in it, sorted by name */
    public record Members(String room, List<Member> members) {
    }

    /** The {@code chat.joined} push the other members get: @param room the room @param member who came */
    public record Joined(String room, Member member) {
    }

    /** The {@code chat.left} push the remaining members get: @param room the room @param peer who went */
    public record Left(String room, String peer) {
    }

    /** The {@code chat.message} push every member gets. */
    public record Message(String room, String from, String name, String text, Instant at) {
    }

    /** @param at when the message was sent */
    public record Said(Instant at) {
    }

    /** The request a poked client gets: who poked it. */
    public record Poked(String from, String name) {
    }
}

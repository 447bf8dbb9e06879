package com.example.shout;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What a client sends to {@code shout}.
 *
 * @param text the words to shout
 */
public record Shout(@NotBlank @Size(max = 200) String text) {
}

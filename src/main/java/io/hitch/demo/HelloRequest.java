package io.hitch.demo;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** @param name who to greet: not blank, at most 100 characters */
public record HelloRequest(@NotBlank @Size(max = 100) String name) {
}

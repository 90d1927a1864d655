package dev.likesbot.fake.discord;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One REST call the bot made about an interaction token.
 *
 * @param method HTTP method, upper case
 * @param path path below the API base URL, without query string, e.g. {@code
 *     webhooks/1/abc/messages/@original}
 * @param body JSON body (the {@code payload_json} part for multipart), {@code NullNode} if none
 */
public record Call(String method, String path, JsonNode body) {}

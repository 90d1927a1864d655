/**
 * The result type of the setup checker ({@code --check}); the checks themselves live beside the
 * library they exercise (Discord in {@code discord}, Spotify in {@code spotify.webapi}, ...).
 */
package dev.likesbot.check;

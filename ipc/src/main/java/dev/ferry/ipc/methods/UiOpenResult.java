package dev.ferry.ipc.methods;

/**
 * {@code ui.open}'s answer.
 *
 * @param url the dashboard's sign-in URL with a one-time token (valid for a few minutes, once),
 *     or null when the dashboard is not served
 * @param reason why it is not served ({@code [ui] enabled = false}, port taken), or null
 */
public record UiOpenResult(String url, String reason) {}

package dev.likesbot.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answer to requests it cannot parse (a bad escape, a path or headers too long): a status
 * and one line, with the pages' protective headers and nothing of the request (Jetty's own page
 * printed the path, where a login's state is). An HTTP version Jetty does not speak (HTTP/0.9,
 * HTTP/9) is the client's mistake, so it is a 400 here rather than Jetty's 505; a 5xx would tell an
 * operator the bot is failing when it is not.
 */
final class ClientErrorHandler extends ErrorHandler {
  private final Map<String, String> protectiveHeaders;

  ClientErrorHandler(Map<String, String> protectiveHeaders) {
    this.protectiveHeaders = protectiveHeaders;
    setShowStacks(false);
    setShowMessageInTitle(false);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status =
        request.getAttribute(ERROR_EXCEPTION) instanceof HttpException e
            ? e.getCode()
            : response.getStatus();
    if (status == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505) {
      status = HttpStatus.BAD_REQUEST_400;
    }
    response.setStatus(status);
    protectiveHeaders.forEach(response.getHeaders()::put);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    String line = status + " " + HttpStatus.getMessage(status);
    response.write(true, ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)), callback);
    return true;
  }
}

package dev.likesbot.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answer to requests it cannot parse: a status and one line, no stack trace. An HTTP
 * version Jetty does not speak (HTTP/0.9, HTTP/9) is the client's mistake, so it is a 400 here
 * rather than Jetty's 505; a 5xx would tell an operator the bot is failing when it is not.
 */
final class ClientErrorHandler extends ErrorHandler {
  private static final byte[] UNSUPPORTED_VERSION =
      "Bad request: unsupported HTTP version\n".getBytes(StandardCharsets.UTF_8);

  ClientErrorHandler() {
    setShowStacks(false);
    setShowMessageInTitle(false);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException e && e.getCode() == 505) {
      response.setStatus(400);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
      response.write(true, ByteBuffer.wrap(UNSUPPORTED_VERSION), callback);
      return true;
    }
    return super.handle(request, response, callback);
  }
}

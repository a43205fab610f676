package dev.shepherd.sandbox;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The page, served from the jar: plain HTML, CSS and JavaScript, no build step. The content
 * security policy allows scripts from this origin only, so text that slipped into the page as
 * markup still could not run.
 */
final class PageFiles extends HttpServlet {
  private static final String ROOT = "/dev/shepherd/sandbox/page/";
  private static final Map<String, String> FILES =
      Map.of(
          "/", "index.html",
          "/index.html", "index.html",
          "/sandbox.css", "sandbox.css",
          "/sandbox.js", "sandbox.js",
          "/mrkdwn.js", "mrkdwn.js",
          "/blockkit.js", "blockkit.js");
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "js", "text/javascript; charset=utf-8");

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getRequestURI();
    String file = FILES.get(path);
    if (file == null) {
      response.sendError(404);
      return;
    }
    try (InputStream in = PageFiles.class.getResourceAsStream(ROOT + file)) {
      if (in == null) {
        throw new IOException("the jar lacks " + ROOT + file);
      }
      response.setStatus(200);
      response.setContentType(TYPES.get(file.substring(file.lastIndexOf('.') + 1)));
      response.setHeader("Cache-Control", "no-store");
      response.setHeader("X-Content-Type-Options", "nosniff");
      response.setHeader(
          "Content-Security-Policy",
          "default-src 'none'; script-src 'self';"
              + " style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none';"
              + " base-uri 'none'; form-action 'none'");
      in.transferTo(response.getOutputStream());
    }
  }
}

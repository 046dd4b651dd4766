package org.delegateelection.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/** Test support: plain HTTP calls to the running application, with HTTP Basic or a cookie jar of its own. */
public final class Http {

    private final String base;
    private final HttpClient client;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

    /** Calls {@code http://localhost:<port>}; with {@code cookies}, keeps the cookies it is given (a browser). */
    public Http(int port, boolean keepCookies) {
        this.base = "http://localhost:" + port;
        HttpClient.Builder builder = HttpClient.newBuilder();
        if (keepCookies) {
            builder.cookieHandler(cookies);
        }
        this.client = builder.build();
    }

    /** The value of the last cookie of this name kept, e.g. the webapps' {@code XSRF-TOKEN}. */
    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .reduce((first, last) -> last).orElseThrow().getValue();
    }

    /**
     * One request.
     *
     * @param user     user id for HTTP Basic (password from {@code password}), or {@code null} for none
     * @param body     JSON or form body, or {@code null} for none
     * @param headers  further header names and values, alternating
     */
    public HttpResponse<String> send(String method, String path, String user, String password, String body,
            String contentType, String... headers) {
        return sendBytes(method, path, user, password, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                contentType, headers);
    }

    /** One request with a binary body (e.g. a workbook). */
    public HttpResponse<String> sendBytes(String method, String path, String user, String password, byte[] body,
            String contentType, String... headers) {
        return exchange(request(method, path, user, password, body, contentType, headers),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** One request whose answer is binary (e.g. a workbook), with a body as {@link #sendBytes} or none. */
    public HttpResponse<byte[]> download(String method, String path, String user, String password, byte[] body,
            String contentType, String... headers) {
        return exchange(request(method, path, user, password, body, contentType, headers),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest request(String method, String path, String user, String password, byte[] body,
            String contentType, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.build();
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> answer) {
        try {
            return client.send(request, answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A {@code multipart/form-data} body holding one file in the part {@code file}, as a browser's form sends it.
     *
     * @param body        the body
     * @param contentType its content type, with the boundary
     */
    public record Upload(byte[] body, String contentType) {

        /** The file {@code fileName} of media type {@code type}. */
        public static Upload of(String fileName, String type, byte[] content) {
            String boundary = "----upload" + UUID.randomUUID();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + fileName + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return new Upload(body.toByteArray(), "multipart/form-data; boundary=" + boundary);
        }
    }

    /** A JSON request as {@code user}. */
    public HttpResponse<String> json(String method, String path, String user, String password, String body) {
        return send(method, path, user, password, body, "application/json");
    }
}

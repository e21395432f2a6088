package io.tandem.bench;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection on a blocking socket. java.net.http costs several times the
 * CPU per request, and on two shared cores every cycle the client burns is taken from the server it
 * measures. Reads Content-Length and chunked bodies; reconnects when the server closes.
 */
final class HttpConnection implements AutoCloseable {
    private final String host;
    private final int port;
    private final byte[] hostHeader;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    /** Our own read buffer: BufferedInputStream takes a lock on every single-byte read. */
    private final byte[] buf = new byte[16384];
    private int pos;
    private int limit;
    private final StringBuilder line = new StringBuilder(128);

    HttpConnection(String host, int port) {
        this.host = host;
        this.port = port;
        this.hostHeader = ("Host: " + host + ":" + port + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    Response send(Request r) throws IOException {
        if (socket == null) {
            connect();
        }
        out.write(r.head());
        out.write(hostHeader);
        if (r.body() != null) {
            out.write(("Content-Length: " + r.body().length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(r.body());
        } else {
            out.write('\r');
            out.write('\n');
        }
        out.flush();
        return read(r.wantsBody());
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        in = socket.getInputStream();
        pos = 0;
        limit = 0;
        out = new BufferedOutputStream(socket.getOutputStream(), 8192);
    }

    private Response read(boolean wantsBody) throws IOException {
        String status = readLine();
        if (status.length() < 12 || !status.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP status line: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = status.startsWith("HTTP/1.0");
        String etag = null;
        for (String h = readLine(); !h.isEmpty(); h = readLine()) {
            int colon = h.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = h.substring(0, colon).trim();
            String value = h.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("transfer-encoding")) {
                chunked = value.toLowerCase().contains("chunked");
            } else if (name.equalsIgnoreCase("connection")) {
                close = value.equalsIgnoreCase("close");
            } else if (name.equalsIgnoreCase("etag")) {
                etag = value;
            }
        }
        ByteArrayOutputStream body = wantsBody ? new ByteArrayOutputStream() : null;
        if (code == 204 || code == 304 || (code >= 100 && code < 200)) {
            length = 0;
        }
        if (chunked) {
            while (true) {
                String size = readLine();
                int semi = size.indexOf(';');
                long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (n == 0) {
                    while (!readLine().isEmpty()) {
                        // trailers: none expected, read past them
                    }
                    break;
                }
                copy(n, body);
                readLine();
            }
        } else if (length >= 0) {
            copy(length, body);
        } else {
            // No length and not chunked: the body runs to the end of the connection.
            copy(Long.MAX_VALUE, body);
            close = true;
        }
        if (close) {
            close();
        }
        return new Response(code, etag, body == null ? null : body.toString(StandardCharsets.UTF_8));
    }

    /** Refills the buffer; false at the end of the stream. */
    private boolean fill() throws IOException {
        int got = in.read(buf, 0, buf.length);
        if (got < 0) {
            return false;
        }
        pos = 0;
        limit = got;
        return true;
    }

    private void copy(long n, ByteArrayOutputStream to) throws IOException {
        long left = n;
        while (left > 0) {
            if (pos == limit && !fill()) {
                if (n == Long.MAX_VALUE) {
                    return;
                }
                throw new EOFException("connection closed in the body");
            }
            int got = (int) Math.min(limit - pos, left);
            if (to != null) {
                to.write(buf, pos, got);
            }
            pos += got;
            left -= got;
        }
    }

    private String readLine() throws IOException {
        line.setLength(0);
        while (true) {
            if (pos == limit && !fill()) {
                throw new EOFException("connection closed by the server");
            }
            int b = buf[pos++] & 0xff;
            if (b == '\n') {
                int len = line.length();
                if (len > 0 && line.charAt(len - 1) == '\r') {
                    line.setLength(len - 1);
                }
                return line.toString();
            }
            line.append((char) b);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken connection: nothing left to do
            }
            socket = null;
        }
    }
}

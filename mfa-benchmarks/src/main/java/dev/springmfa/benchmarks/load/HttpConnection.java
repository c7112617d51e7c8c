package dev.springmfa.benchmarks.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One persistent HTTP/1.1 connection over a plain socket, for one worker thread of the
 * load generator. Written here rather than taken from {@code java.net.http}: the load
 * generator shares the machine's cores with the server, and a blocking socket that a
 * worker owns costs the least CPU a request and holds exactly one connection per worker.
 * It reads what the demo answers: a {@code Content-Length} or chunked body, and the
 * {@code Set-Cookie} headers.
 */
final class HttpConnection implements Closeable {

	private static final int CONNECT_TIMEOUT = 5_000;

	private static final int READ_TIMEOUT = 60_000;

	private final String host;

	private final int port;

	private @Nullable Socket socket;

	private @Nullable InputStream in;

	private @Nullable OutputStream out;

	HttpConnection(String host, int port) {
		this.host = host;
		this.port = port;
	}

	/**
	 * Send a {@code GET} request and read the response.
	 * @param path the path
	 * @param headers further header lines, {@code Name: value}
	 * @return the response
	 * @throws IOException if the exchange fails; the connection is closed then
	 */
	HttpResponse get(String path, String... headers) throws IOException {
		return exchange("GET", path, null, headers);
	}

	/**
	 * Send a {@code POST} request with a JSON body and read the response.
	 * @param path the path
	 * @param json the body
	 * @param headers further header lines, {@code Name: value}
	 * @return the response
	 * @throws IOException if the exchange fails; the connection is closed then
	 */
	HttpResponse post(String path, byte[] json, String... headers) throws IOException {
		return exchange("POST", path, json, headers);
	}

	/**
	 * Open the connection again, so that the next request does not pay for it nor find a
	 * connection that the server closed while it was idle.
	 * @throws IOException if the connection cannot be opened
	 */
	void reopen() throws IOException {
		close();
		open();
	}

	@Override
	public void close() {
		Socket current = this.socket;
		this.socket = null;
		this.in = null;
		this.out = null;
		if (current != null) {
			try {
				current.close();
			}
			catch (IOException ex) {
				// Nothing left to release.
			}
		}
	}

	private HttpResponse exchange(String method, String path, byte @Nullable [] body, String[] headers)
			throws IOException {
		if (this.socket == null) {
			open();
		}
		try {
			write(method, path, body, headers);
			return read();
		}
		catch (IOException | RuntimeException ex) {
			close();
			throw ex;
		}
	}

	private void open() throws IOException {
		Socket opened = new Socket();
		opened.setTcpNoDelay(true);
		opened.setSoTimeout(READ_TIMEOUT);
		opened.connect(new InetSocketAddress(this.host, this.port), CONNECT_TIMEOUT);
		this.socket = opened;
		this.in = new BufferedInputStream(opened.getInputStream(), 16 * 1024);
		this.out = opened.getOutputStream();
	}

	private void write(String method, String path, byte @Nullable [] body, String[] headers) throws IOException {
		StringBuilder head = new StringBuilder(256).append(method)
			.append(' ')
			.append(path)
			.append(" HTTP/1.1\r\nHost: ")
			.append(this.host)
			.append(':')
			.append(this.port)
			.append("\r\nAccept: application/json\r\n");
		if (body != null) {
			head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
		}
		for (String header : headers) {
			head.append(header).append("\r\n");
		}
		head.append("\r\n");
		ByteArrayOutputStream request = new ByteArrayOutputStream(head.length() + ((body != null) ? body.length : 0));
		request.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
		if (body != null) {
			request.writeBytes(body);
		}
		OutputStream stream = requireOpen(this.out);
		request.writeTo(stream);
		stream.flush();
	}

	private HttpResponse read() throws IOException {
		InputStream stream = requireOpen(this.in);
		String statusLine = readLine(stream);
		if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
			throw new IOException("Not an HTTP/1.1 status line: " + statusLine);
		}
		int status = Integer.parseInt(statusLine.substring(9, 12));
		Map<String, String> cookies = new HashMap<>(4);
		long contentLength = -1;
		boolean chunked = false;
		boolean close = false;
		for (String line = readLine(stream); !line.isEmpty(); line = readLine(stream)) {
			int colon = line.indexOf(':');
			String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
			String value = line.substring(colon + 1).trim();
			switch (name) {
				case "content-length" -> contentLength = Long.parseLong(value);
				case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
				case "connection" -> close = value.equalsIgnoreCase("close");
				case "set-cookie" -> addCookie(cookies, value);
				default -> {
				}
			}
		}
		byte[] body;
		if (chunked) {
			body = readChunked(stream);
		}
		else if (contentLength >= 0) {
			body = readFully(stream, (int) contentLength);
		}
		else if (status == 204 || status == 304 || !close) {
			body = new byte[0];
		}
		else {
			body = stream.readAllBytes();
		}
		if (close) {
			close();
		}
		return new HttpResponse(status, cookies, body);
	}

	private static void addCookie(Map<String, String> cookies, String header) {
		int end = header.indexOf(';');
		String pair = (end >= 0) ? header.substring(0, end) : header;
		int equals = pair.indexOf('=');
		if (equals > 0) {
			cookies.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
		}
	}

	private static byte[] readChunked(InputStream stream) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		while (true) {
			String sizeLine = readLine(stream);
			int extension = sizeLine.indexOf(';');
			int size = Integer.parseInt((extension >= 0) ? sizeLine.substring(0, extension) : sizeLine.trim(), 16);
			if (size == 0) {
				// Trailers, then the blank line that ends the body.
				while (!readLine(stream).isEmpty()) {
				}
				return body.toByteArray();
			}
			body.writeBytes(readFully(stream, size));
			readLine(stream);
		}
	}

	private static byte[] readFully(InputStream stream, int length) throws IOException {
		byte[] bytes = stream.readNBytes(length);
		if (bytes.length < length) {
			throw new EOFException("The connection closed within a body");
		}
		return bytes;
	}

	private static String readLine(InputStream stream) throws IOException {
		StringBuilder line = new StringBuilder(64);
		while (true) {
			int b = stream.read();
			if (b == -1) {
				throw new EOFException("The connection closed within a response");
			}
			if (b == '\n') {
				int length = line.length();
				if (length > 0 && line.charAt(length - 1) == '\r') {
					line.setLength(length - 1);
				}
				return line.toString();
			}
			line.append((char) b);
		}
	}

	private static <T> T requireOpen(@Nullable T stream) throws IOException {
		if (stream == null) {
			throw new IOException("The connection is closed");
		}
		return stream;
	}

}

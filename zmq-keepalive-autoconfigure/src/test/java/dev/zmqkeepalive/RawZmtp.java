package dev.zmqkeepalive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Bytes of ZMTP 3.0 written by the tests themselves, for peers that no ZeroMQ library
 * would play: one that claims a huge frame, one that speaks an older ZMTP, one that sends
 * garbage or nothing at all.
 */
public final class RawZmtp {

	private RawZmtp() {
	}

	/** A 64-byte ZMTP 3.0 greeting with the NULL mechanism. */
	public static byte[] nullGreeting(boolean asServer) {
		byte[] greeting = new byte[64];
		greeting[0] = (byte) 0xFF;
		greeting[9] = 0x7F;
		greeting[10] = 3;
		byte[] mechanism = "NULL".getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(mechanism, 0, greeting, 12, mechanism.length);
		greeting[32] = (byte) (asServer ? 1 : 0);
		return greeting;
	}

	/** A ZMTP 2.0 greeting (libzmq 3.x): signature, revision 1, socket type. */
	public static byte[] zmtp2Greeting(int socketType) {
		byte[] greeting = new byte[12];
		greeting[0] = (byte) 0xFF;
		greeting[9] = 0x7F;
		greeting[10] = 1;
		greeting[11] = (byte) socketType;
		return greeting;
	}

	/** A READY command naming the socket type. */
	public static byte[] ready(String socketType) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write(5);
		body.writeBytes("READY".getBytes(StandardCharsets.US_ASCII));
		byte[] name = "Socket-Type".getBytes(StandardCharsets.US_ASCII);
		byte[] value = socketType.getBytes(StandardCharsets.US_ASCII);
		body.write(name.length);
		body.writeBytes(name);
		body.writeBytes(new byte[] { 0, 0, 0, (byte) value.length });
		body.writeBytes(value);
		byte[] bytes = body.toByteArray();
		ByteArrayOutputStream command = new ByteArrayOutputStream();
		command.write(0x04);
		command.write(bytes.length);
		command.writeBytes(bytes);
		return command.toByteArray();
	}

	/** The long-form header of a last frame claiming {@code size} bytes. */
	public static byte[] frameHeader(long size) {
		byte[] header = new byte[9];
		header[0] = 0x02;
		for (int i = 0; i < 8; i++) {
			header[8 - i] = (byte) (size >>> (8 * i));
		}
		return header;
	}

	/**
	 * Play a publisher that completes the NULL handshake with the connecting subscriber,
	 * then claims a 1 MiB frame: a protocol error for a socket whose max-message-size is
	 * smaller.
	 * @param connection the accepted connection
	 * @param limit how long the subscriber may take to close it
	 * @return whether the subscriber closed the connection within the limit
	 * @throws IOException if the connection fails otherwise
	 */
	public static boolean oversizedFrameClosedWithin(Socket connection, Duration limit) throws IOException {
		OutputStream out = connection.getOutputStream();
		out.write(concat(nullGreeting(true), ready("PUB")));
		readGreetingAndReady(connection.getInputStream());
		out.write(frameHeader(1 << 20));
		out.flush();
		return closedWithin(connection, limit);
	}

	/** Read the other side's greeting and READY command. */
	public static void readGreetingAndReady(InputStream in) throws IOException {
		if (in.readNBytes(64).length < 64) {
			throw new IOException("closed during the greeting");
		}
		byte[] header = in.readNBytes(2);
		if (header.length < 2 || header[0] != 0x04) {
			throw new IOException("expected a short command after the greeting");
		}
		in.readNBytes(header[1] & 0xFF);
	}

	/**
	 * Wait for the other side to close the connection.
	 * @return whether it closed within the limit
	 */
	public static boolean closedWithin(Socket socket, Duration limit) throws IOException {
		long deadline = System.nanoTime() + limit.toNanos();
		InputStream in = socket.getInputStream();
		byte[] buffer = new byte[4096];
		while (System.nanoTime() < deadline) {
			socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis()));
			try {
				if (in.read(buffer) < 0) {
					return true;
				}
			}
			catch (SocketTimeoutException ex) {
				return false;
			}
			catch (IOException ex) {
				return true; // reset
			}
		}
		return false;
	}

	public static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}

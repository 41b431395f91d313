package dev.zmqkeepalive.jeromq;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * ZMTP 3.0 bytes written by the tests themselves, so a hostile or broken peer needs no
 * ZeroMQ library: a NULL greeting, a READY command and frame headers that claim any size.
 */
final class RawZmtp {

	private RawZmtp() {
	}

	/** A 64-byte ZMTP 3.0 greeting with the NULL mechanism, as a client. */
	static byte[] nullGreeting() {
		byte[] greeting = new byte[64];
		greeting[0] = (byte) 0xFF;
		greeting[9] = 0x7F;
		greeting[10] = 3;
		greeting[11] = 0;
		byte[] mechanism = "NULL".getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(mechanism, 0, greeting, 12, mechanism.length);
		return greeting;
	}

	/** A READY command naming the given socket type. */
	static byte[] ready(String socketType) {
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

	/** The header of a last (or only) message frame claiming {@code size} bytes (long form). */
	static byte[] frameHeader(long size) {
		byte[] header = new byte[9];
		header[0] = 0x02;
		for (int i = 0; i < 8; i++) {
			header[8 - i] = (byte) (size >>> (8 * i));
		}
		return header;
	}

	/** Read the other side's 64-byte greeting and its (short) READY command. */
	static void readGreetingAndReady(java.io.InputStream in) throws java.io.IOException {
		in.readNBytes(64);
		byte[] header = in.readNBytes(2);
		if (header.length < 2 || header[0] != 0x04) {
			throw new java.io.IOException("expected a short command after the greeting");
		}
		in.readNBytes(header[1] & 0xFF);
	}

	static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}

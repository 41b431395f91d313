package dev.zmqkeepalive.socket;

import zmq.ZError;
import zmq.ZMQ;

/**
 * Words for the reasons JeroMQ gives when it refuses or drops a connection.
 *
 * @author zmq-keepalive
 */
final class FailureReasons {

	private FailureReasons() {
	}

	static String describe(int event, Object value) {
		int code = (value instanceof Integer number) ? number : 0;
		return switch (event) {
			case ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_AUTH -> (code == 400)
					? "refused by the allow-list (ZAP 400): the client's public key is not in curve.allowed-clients"
					: "refused by authentication (ZAP " + code + ")";
			case ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL -> protocol(code);
			default -> errno(code);
		};
	}

	private static String protocol(int code) {
		if (code == ZMQ.ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH) {
			return "security mechanism mismatch (for example a NULL peer against a CURVE socket)";
		}
		if (code == ZMQ.ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC || code == ZMQ.ZMQ_PROTOCOL_ERROR_ZMTP_KEY_EXCHANGE) {
			return "CURVE handshake failed: the peer does not hold the keys this socket expects (wrong server key?)";
		}
		if ((code & 0xF0000000) == ZMQ.ZMQ_PROTOCOL_ERROR_ZAP_UNSPECIFIED) {
			return "authentication handler failed (ZAP protocol error 0x" + Integer.toHexString(code) + ")";
		}
		return "ZMTP protocol error 0x" + Integer.toHexString(code);
	}

	private static String errno(int code) {
		if (code == ZError.EMSGSIZE) {
			return "frame larger than max-message-size";
		}
		if (code == ZError.EPROTONOSUPPORT) {
			return "not ZMTP 3: bytes that are no ZeroMQ greeting, or a peer older than ZMTP 3.0 (libzmq < 4.0)";
		}
		if (code == ZError.EPROTO) {
			return "protocol error (EPROTO): a malformed message or, in a CURVE handshake, a server key other than "
					+ "the one this socket knows, or a server that refused this client";
		}
		return "protocol error (" + ZError.toString(code) + ")";
	}

}

package dev.zmqkeepalive.socket;

import java.util.Arrays;

import com.neilalexander.jnacl.crypto.curve25519;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQ;

/**
 * A 32-byte CURVE key. It prints as its fingerprint (a public key) or as
 * {@code (secret)}, never as the key, so that no log, event or message can leak it.
 *
 * @author zmq-keepalive
 */
public final class CurveKey {

	/** Length of a key's Z85 text. */
	public static final int Z85_LENGTH = 40;

	/** Characters of a fingerprint: the start of the public key's Z85 text. */
	public static final int FINGERPRINT_LENGTH = 8;

	private static final String Z85_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

	private final byte[] bytes;

	private final boolean secret;

	private CurveKey(byte[] bytes, boolean secret) {
		this.bytes = bytes;
		this.secret = secret;
	}

	/**
	 * Why a text is not a key's Z85 text, or {@code null} if it is one. Says nothing of
	 * the text itself beyond its length.
	 * @param z85 the text
	 * @return the problem, or {@code null}
	 */
	public static @Nullable String problem(String z85) {
		if (z85.length() != Z85_LENGTH) {
			return "a CURVE key is " + Z85_LENGTH + " characters of Z85 text, this one has " + z85.length();
		}
		for (int i = 0; i < z85.length(); i++) {
			if (Z85_ALPHABET.indexOf(z85.charAt(i)) < 0) {
				return "character " + (i + 1) + " is not a Z85 character";
			}
		}
		return null;
	}

	/**
	 * A public key from its Z85 text.
	 * @param z85 40 characters of Z85
	 * @return the key
	 * @throws IllegalArgumentException if the text is not a key's Z85 text
	 */
	public static CurveKey publicKey(String z85) {
		return of(z85, false);
	}

	/**
	 * A secret key from its Z85 text.
	 * @param z85 40 characters of Z85
	 * @return the key
	 * @throws IllegalArgumentException if the text is not a key's Z85 text
	 */
	public static CurveKey secretKey(String z85) {
		return of(z85, true);
	}

	private static CurveKey of(String z85, boolean secret) {
		String problem = problem(z85);
		if (problem != null) {
			throw new IllegalArgumentException(problem);
		}
		return new CurveKey(ZMQ.Curve.z85Decode(z85), secret);
	}

	/**
	 * A new key pair from JeroMQ's generator.
	 * @return public key then secret key
	 */
	public static CurveKey[] generatePair() {
		ZMQ.Curve.KeyPair pair = ZMQ.Curve.generateKeyPair();
		return new CurveKey[] { publicKey(pair.publicKey), secretKey(pair.secretKey) };
	}

	/**
	 * The public key belonging to this secret key.
	 * @return the public key
	 */
	public CurveKey derivePublicKey() {
		if (!this.secret) {
			throw new IllegalStateException("not a secret key");
		}
		byte[] publicKey = new byte[32];
		curve25519.crypto_scalarmult_base(publicKey, this.bytes.clone());
		return new CurveKey(publicKey, false);
	}

	/** The 32 bytes, for JeroMQ's options. */
	byte[] bytes() {
		return this.bytes.clone();
	}

	/** Whether this is a secret key. */
	public boolean isSecret() {
		return this.secret;
	}

	/**
	 * The first {@value #FINGERPRINT_LENGTH} characters of a public key's Z85 text, enough
	 * to tell keys apart in logs and events and to find one in a key file.
	 * @return the fingerprint
	 */
	public String fingerprint() {
		if (this.secret) {
			return "(secret)";
		}
		return ZMQ.Curve.z85Encode(this.bytes).substring(0, FINGERPRINT_LENGTH);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof CurveKey key && key.secret == this.secret && Arrays.equals(key.bytes, this.bytes);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.bytes);
	}

	@Override
	public String toString() {
		return fingerprint();
	}

}

package dev.zmqkeepalive.jeromq;

/**
 * Which JeroMQ the tests run against. The build runs every test twice: against this
 * module's patched classes, where each fix must hold, and against the stock
 * {@code org.zeromq:jeromq} classes, where each bug must show, so that neither the fix nor
 * the test that guards it can break unnoticed.
 */
public enum JeromqBuild {

	/** This module's classes: upstream's plus the patched ones. */
	PATCHED,

	/** The unchanged {@code org.zeromq:jeromq} classes. */
	STOCK;

	/** System property the build sets for each test run. */
	public static final String PROPERTY = "zmq.keepalive.jeromq.build";

	/**
	 * The build under test. Defaults to the patched one, which is what an IDE puts on the
	 * class path.
	 * @return the build the tests run against
	 */
	public static JeromqBuild underTest() {
		String value = System.getProperty(PROPERTY, "patched");
		try {
			return valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("System property " + PROPERTY + "=" + value
					+ " is not a JeroMQ build; use 'patched' or 'stock'", ex);
		}
	}

	public boolean isPatched() {
		return this == PATCHED;
	}

}

package dev.zmqkeepalive;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A peer running libzmq, the C implementation of ZeroMQ, through Debian's
 * {@code python3-zmq}: proof that the starter speaks to ZeroMQ it did not write. Tests
 * using it are skipped where the package is missing, unless
 * {@code ZMQ_KEEPALIVE_LAB=required} (as in CI), where that is a failure.
 */
public final class LibzmqPeer implements AutoCloseable {

	public static final String PYTHON = "/usr/bin/python3";

	private final Process process;

	private LibzmqPeer(Process process) {
		this.process = process;
	}

	/** Skip (or fail, where required) unless libzmq is available. */
	public static void assumeAvailable() {
		String problem = unavailableReason();
		if (problem == null) {
			return;
		}
		if ("required".equals(System.getenv("ZMQ_KEEPALIVE_LAB"))) {
			throw new IllegalStateException("libzmq peer required (ZMQ_KEEPALIVE_LAB=required) but " + problem);
		}
		Assumptions.abort("libzmq peer unavailable: " + problem + " (apt-get install python3-zmq)");
	}

	private static String unavailableReason() {
		try {
			Process check = new ProcessBuilder(PYTHON, "-c", "import zmq; print(zmq.zmq_version())")
				.redirectErrorStream(true)
				.start();
			String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			return (check.waitFor() == 0) ? null : PYTHON + " cannot import zmq: " + output;
		}
		catch (IOException ex) {
			return PYTHON + " not found";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	/**
	 * Run a Python program with libzmq.
	 * @param program the program text
	 * @param args its arguments
	 * @return the running peer; its output goes to this JVM's {@code System.out}, line by
	 * line
	 */
	public static LibzmqPeer run(String program, String... args) throws IOException {
		String[] command = new String[args.length + 3];
		command[0] = PYTHON;
		command[1] = "-c";
		command[2] = program;
		System.arraycopy(args, 0, command, 3, args.length);
		// Not inheritIO(): a child writing straight to the forked test JVM's stdout corrupts
		// Surefire's channel ("Corrupted channel by directly writing to native stream").
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		Thread pump = new Thread(() -> copyLines(process.getInputStream()), "libzmq-peer-output");
		pump.setDaemon(true);
		pump.start();
		return new LibzmqPeer(process);
	}

	private static void copyLines(InputStream output) {
		try (BufferedReader lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				System.out.println("[libzmq peer] " + line);
			}
		}
		catch (IOException ex) {
			// The peer was stopped: nothing more to copy.
		}
	}

	public boolean isRunning() {
		return this.process.isAlive();
	}

	/** Wait for the peer to finish by itself. */
	public int waitFor(long seconds) throws InterruptedException {
		if (!this.process.waitFor(seconds, TimeUnit.SECONDS)) {
			throw new IllegalStateException("libzmq peer still running after " + seconds + " s");
		}
		return this.process.exitValue();
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
	}

}

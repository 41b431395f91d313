package dev.zmqkeepalive.natlab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A long-running process inside a lab namespace ({@code ip netns exec <ns> ...}). Every line
 * it prints on stdout or stderr is kept with the time it was read, so tests can wait for a
 * line with a deadline and measure the time between a fault and the line that reports it.
 * Lines are also written to {@code target/natlab-logs/<name>.log} for post-mortems.
 */
public final class LabProcess implements AutoCloseable {

	private final String name;

	private final Process process;

	private final PrintWriter stdin;

	private final Writer log;

	private final List<OutputLine> lines = new ArrayList<>();

	private LabProcess(String name, Process process, Writer log) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.stdin = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
		startReader(process.getInputStream(), "");
		startReader(process.getErrorStream(), "stderr: ");
	}

	/**
	 * Start a command in a namespace.
	 * @param name short name for logs and reports, e.g. {@code libzmq-publisher}
	 * @param namespace the network namespace to run in
	 * @param command the command and its arguments
	 * @return the started process
	 */
	public static LabProcess start(String name, String namespace, List<String> command) {
		List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
		full.addAll(command);
		try {
			Path logDir = Path.of("target", "natlab-logs");
			Files.createDirectories(logDir);
			Writer log = Files.newBufferedWriter(logDir.resolve(name + "-" + System.currentTimeMillis() + ".log"));
			log.write("# " + String.join(" ", full) + System.lineSeparator());
			ProcessBuilder builder = new ProcessBuilder(full);
			// Lab processes are configured by their command line only. The starter binds
			// ZMQ_KEEPALIVE_* variables as zmq.keepalive.* properties and fails on unknown
			// ones, so CI's ZMQ_KEEPALIVE_LAB=required would stop every sample app.
			builder.environment().keySet().removeIf((variable) -> variable.startsWith("ZMQ_KEEPALIVE_"));
			// "ip netns exec" execs the command in place (no fork), so this pid is the command's.
			LabProcess labProcess = new LabProcess(name, builder.start(), log);
			LabCleanup.register(labProcess);
			return labProcess;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + full, ex);
		}
	}

	private void startReader(InputStream stream, String prefix) {
		Thread reader = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
				String text;
				while ((text = in.readLine()) != null) {
					record(new OutputLine(Instant.now(), this.name, prefix + text));
				}
			}
			catch (IOException ex) {
				// The process is gone; nothing more to read.
			}
		}, "natlab-" + this.name + "-output");
		reader.setDaemon(true);
		reader.start();
	}

	private void record(OutputLine line) {
		synchronized (this.lines) {
			this.lines.add(line);
			this.lines.notifyAll();
		}
		synchronized (this.log) {
			try {
				this.log.write(line + System.lineSeparator());
				this.log.flush();
			}
			catch (IOException ex) {
				// Logging is a convenience; the in-memory lines are the evidence.
			}
		}
	}

	public String name() {
		return this.name;
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** Write one line to the process's standard input. */
	public void send(String line) {
		this.stdin.println(line);
	}

	/** Every line so far. */
	public List<OutputLine> lines() {
		synchronized (this.lines) {
			return List.copyOf(this.lines);
		}
	}

	/** Lines so far that contain a match for the pattern. */
	public List<OutputLine> linesMatching(Pattern pattern) {
		return lines().stream().filter((line) -> pattern.matcher(line.text()).find()).toList();
	}

	/** Lines read at or after the given time that contain a match for the pattern. */
	public List<OutputLine> linesMatching(Pattern pattern, Instant since) {
		return linesMatching(pattern).stream().filter((line) -> !line.time().isBefore(since)).toList();
	}

	/**
	 * Wait for the first line matching the pattern.
	 * @throws LabTimeoutException if none appears before the deadline
	 */
	public OutputLine awaitLine(Pattern pattern, Duration timeout) {
		return awaitLine(pattern, Instant.EPOCH, timeout);
	}

	/**
	 * Wait for the first line read at or after {@code since} that matches the pattern.
	 * @throws LabTimeoutException if none appears before the deadline
	 */
	public OutputLine awaitLine(Pattern pattern, Instant since, Duration timeout) {
		return findLine(pattern, since, timeout).orElseThrow(() -> new LabTimeoutException(
				this.name + ": no line matching /" + pattern + "/ within " + timeout + "; last lines:\n" + tail(15)));
	}

	/** Like {@link #awaitLine(Pattern, Instant, Duration)} but empty instead of failing at the deadline. */
	public Optional<OutputLine> findLine(Pattern pattern, Instant since, Duration timeout) {
		Predicate<OutputLine> wanted = (line) -> !line.time().isBefore(since) && pattern.matcher(line.text()).find();
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.lines) {
			int checked = 0;
			while (true) {
				for (; checked < this.lines.size(); checked++) {
					if (wanted.test(this.lines.get(checked))) {
						return Optional.of(this.lines.get(checked));
					}
				}
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return Optional.empty();
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this.lines, remaining);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return Optional.empty();
				}
			}
		}
	}

	/** The last lines printed, for failure messages. */
	public String tail(int count) {
		List<OutputLine> all = lines();
		StringBuilder tail = new StringBuilder();
		all.subList(Math.max(0, all.size() - count), all.size()).forEach((line) -> tail.append("  ").append(line).append('\n'));
		return tail.toString();
	}

	/** Fault: {@code kill -9}, no goodbye on the wire beyond what the kernel sends for its sockets. */
	public void kill() {
		signal("KILL");
		awaitExit(Duration.ofSeconds(10));
	}

	/** Fault: freeze the process ({@code kill -STOP}); its kernel keeps answering TCP. */
	public void suspend() {
		signal("STOP");
	}

	/** Undo {@link #suspend()}. */
	public void resume() {
		signal("CONT");
	}

	private void signal(String signal) {
		Commands.run("kill", "-" + signal, Long.toString(pid()));
	}

	public boolean awaitExit(Duration timeout) {
		try {
			return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			// A stopped process cannot act on SIGTERM; SIGKILL works either way.
			this.process.destroyForcibly();
			awaitExit(Duration.ofSeconds(10));
		}
		this.stdin.close();
		synchronized (this.log) {
			try {
				this.log.close();
			}
			catch (IOException ex) {
				// Nothing useful to do.
			}
		}
		LabCleanup.unregister(this);
	}

	@Override
	public String toString() {
		return "LabProcess " + this.name + " (pid " + pid() + ")";
	}

	/** Raised when a process does not print what a test waits for in time. */
	public static class LabTimeoutException extends AssertionError {

		LabTimeoutException(String message) {
			super(message);
		}

	}

}

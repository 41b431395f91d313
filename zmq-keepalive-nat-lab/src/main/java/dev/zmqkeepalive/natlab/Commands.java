package dev.zmqkeepalive.natlab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs short administrative commands ({@code ip}, {@code iptables}, {@code conntrack},
 * {@code ss}) to completion. Long-running lab processes use {@link LabProcess} instead.
 */
public final class Commands {

	private static final long TIMEOUT_SECONDS = 20;

	private Commands() {
	}

	/**
	 * Run a command and return its standard output.
	 * @param command the command and its arguments
	 * @return standard output
	 * @throws CommandFailedException if the command exits non-zero or does not finish in time
	 */
	public static String run(String... command) {
		return run(Arrays.asList(command));
	}

	public static String run(List<String> command) {
		Result result = execute(command);
		if (result.exitCode() != 0) {
			throw new CommandFailedException(command, result);
		}
		return result.stdout();
	}

	/**
	 * Run a command whose failure is expected or harmless, such as cleanup of something
	 * that may already be gone.
	 */
	public static Result runIgnoringFailure(String... command) {
		try {
			return execute(Arrays.asList(command));
		}
		catch (RuntimeException ex) {
			return new Result(-1, "", String.valueOf(ex.getMessage()));
		}
	}

	/** Run a command inside a network namespace. */
	public static String runIn(String namespace, String... command) {
		List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
		full.addAll(Arrays.asList(command));
		return run(full);
	}

	private static Result execute(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).start();
			process.getOutputStream().close();
			// Drain both streams concurrently so a chatty command cannot block on a full pipe.
			CompletableFuture<String> stdout = readAsync(process.getInputStream());
			CompletableFuture<String> stderr = readAsync(process.getErrorStream());
			if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new CommandFailedException(command, new Result(-1, "", "timed out after " + TIMEOUT_SECONDS + "s"));
			}
			return new Result(process.exitValue(), stdout.join(), stderr.join());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + command, ex);
		}
	}

	private static CompletableFuture<String> readAsync(InputStream stream) {
		// A thread of its own, not the common pool: on two cores that pool has one worker.
		CompletableFuture<String> result = new CompletableFuture<>();
		Thread reader = new Thread(() -> {
			try (stream) {
				result.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				result.complete("");
			}
		}, "natlab-command-output");
		reader.setDaemon(true);
		reader.start();
		return result;
	}

	/** Exit code and captured output of a finished command. */
	public record Result(int exitCode, String stdout, String stderr) {

		public boolean succeeded() {
			return this.exitCode == 0;
		}

	}

	/** A command exited non-zero or hung. */
	public static class CommandFailedException extends RuntimeException {

		CommandFailedException(List<String> command, Result result) {
			super(String.join(" ", command) + " failed (exit " + result.exitCode() + "): " + result.stderr().strip());
		}

	}

}

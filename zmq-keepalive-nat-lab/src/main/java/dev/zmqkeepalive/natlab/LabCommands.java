package dev.zmqkeepalive.natlab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Command lines for the processes the lab starts inside its namespaces. */
public final class LabCommands {

	private static Path script;

	private LabCommands() {
	}

	/**
	 * A JVM on the lab's own classpath (the test classpath under surefire), so lab main
	 * classes, the starter and the sample app are all reachable without packaging.
	 */
	public static List<String> java(String mainClass, String... args) {
		return java(classpath(), mainClass, args);
	}

	/**
	 * A JVM with the lab's own classes and stock JeroMQ only: a plain JeroMQ peer runs what a
	 * user without the starter has, whatever JeroMQ the starter brings.
	 */
	public static List<String> plainJeromq(String mainClass, String... args) {
		return java(plainJeromqClasspath(), mainClass, args);
	}

	static String plainJeromqClasspath() {
		String classpath = System.getProperty("natlab.plainJeromq.classpath");
		if (classpath == null || classpath.isBlank()) {
			throw new IllegalStateException("natlab.plainJeromq.classpath is not set (the lab's pom sets it for surefire)");
		}
		return classpath;
	}

	private static List<String> java(String classpath, String mainClass, String... args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// Small, quick-starting JVMs: the lab runs several at once on two cores.
		command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx192m", "-Xss512k"));
		command.add("-cp");
		command.add(classpath);
		command.add(mainClass);
		command.addAll(List.of(args));
		return command;
	}

	static String classpath() {
		// Surefire may start the fork from a manifest-only jar; this property has the real entries.
		String surefire = System.getProperty("surefire.test.class.path");
		return (surefire != null && !surefire.isBlank()) ? surefire : System.getProperty("java.class.path");
	}

	/** The libzmq publisher: Debian's python3 with python3-zmq running the bundled script. */
	public static List<String> libzmqPublisher(String... args) {
		List<String> command = new ArrayList<>(List.of(LabPrerequisites.PYTHON, "-u", script().toString()));
		command.addAll(List.of(args));
		return command;
	}

	// Copied once per JVM: processes may be started from several threads at once.
	private static synchronized Path script() {
		if (script != null) {
			return script;
		}
		try (InputStream in = LabCommands.class.getResourceAsStream("/natlab/libzmq_publisher.py")) {
			if (in == null) {
				throw new IllegalStateException("natlab/libzmq_publisher.py missing from the classpath");
			}
			Path target = Path.of("target", "natlab", "libzmq_publisher.py").toAbsolutePath();
			Files.createDirectories(target.getParent());
			Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
			script = target;
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

package dev.zmqkeepalive.natlab;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Last line of defence for lab resources. Tests close what they create in
 * {@code try/finally}; this JVM shutdown hook catches what an interrupted run (Ctrl-C,
 * surefire timeout, {@code System.exit}) would otherwise leave behind in the kernel.
 */
public final class LabCleanup {

	private static final Deque<AutoCloseable> resources = new ArrayDeque<>();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(LabCleanup::closeAll, "natlab-cleanup"));
	}

	private LabCleanup() {
	}

	static synchronized void register(AutoCloseable resource) {
		resources.push(resource);
	}

	static synchronized void unregister(AutoCloseable resource) {
		resources.remove(resource);
	}

	/** Close every registered resource, newest first (processes before the namespaces they live in). */
	public static void closeAll() {
		while (true) {
			AutoCloseable resource;
			synchronized (LabCleanup.class) {
				resource = resources.poll();
			}
			if (resource == null) {
				return;
			}
			try {
				resource.close();
			}
			catch (Exception ex) {
				System.err.println("natlab: cleanup of " + resource + " failed: " + ex);
			}
		}
	}

}

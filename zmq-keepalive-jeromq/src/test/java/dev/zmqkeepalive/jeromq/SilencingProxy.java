package dev.zmqkeepalive.jeromq;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A loopback TCP proxy that forwards bytes both ways until it is {@linkplain #silence()
 * silenced}; from then on it keeps every connection open and passes nothing, in either
 * direction, on old or new connections. To the peer connected through it, that is a
 * publisher whose process hangs (its kernel still holds the connection) or a path that
 * drops everything: only ZMTP heartbeats can tell.
 */
final class SilencingProxy implements AutoCloseable {

	private final ServerSocket server;

	private final int targetPort;

	private final CountDownLatch silenced = new CountDownLatch(1);

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	SilencingProxy(int targetPort) throws IOException {
		this.targetPort = targetPort;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		start("accept", this::acceptLoop);
	}

	String endpoint() {
		return "tcp://127.0.0.1:" + this.server.getLocalPort();
	}

	void silence() {
		this.silenced.countDown();
	}

	private boolean isSilenced() {
		return this.silenced.getCount() == 0;
	}

	private void acceptLoop() {
		try {
			while (true) {
				Socket client = this.server.accept();
				this.sockets.add(client);
				if (isSilenced()) {
					continue; // held open, never answered
				}
				Socket upstream = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
				this.sockets.add(upstream);
				start("to-publisher", () -> pump(client, upstream));
				start("to-subscriber", () -> pump(upstream, client));
			}
		}
		catch (IOException ex) {
			// Closed.
		}
	}

	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[8192];
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			int read;
			while ((read = in.read(buffer)) >= 0) {
				if (isSilenced()) {
					break;
				}
				out.write(buffer, 0, read);
				out.flush();
			}
			if (!isSilenced()) {
				to.shutdownOutput();
			}
			// Silenced: nothing more is read or forwarded; the connection stays open until close().
		}
		catch (IOException ex) {
			// Closed at the end of the trial.
		}
	}

	private static void start(String name, Runnable task) {
		Thread thread = new Thread(task, "silencing-proxy-" + name);
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

}

package dev.zmqkeepalive.autoconfigure;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.zmqkeepalive.TestPorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sockets' threads are what keeps an application without a web server running, and
 * they come from a factory the application can replace.
 */
class SocketThreadsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class))
		.withPropertyValues("zmq.keepalive.sockets.in.type=sub",
				"zmq.keepalive.sockets.in.connect=" + TestPorts.unreachableEndpoint());

	@Test
	void owningThreadsAreNotDaemonThreadsAndEndWhenTheContextCloses() {
		Thread[] owner = new Thread[1];
		this.runner.run((context) -> {
			owner[0] = thread("zmq-in");
			assertThat(owner[0].isDaemon()).isFalse();
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> !owner[0].isAlive());
	}

	@Test
	void aThreadFactoryBeanOfTheDocumentedNameMakesTheThreads() {
		this.runner.withUserConfiguration(RecordingThreadFactoryConfiguration.class).run((context) -> {
			List<Thread> made = context.getBean(RecordingThreadFactoryConfiguration.class).made;
			assertThat(made).contains(thread("zmq-in"), thread("zmq-keepalive-events"));
			assertThat(thread("zmq-in").getPriority()).isEqualTo(Thread.MAX_PRIORITY);
		});
	}

	@Test
	void anApplicationWithoutAWebServerRunsUntilItIsStopped() throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				SubscriberApplication.class.getName(), TestPorts.unreachableEndpoint())
			.redirectErrorStream(true)
			.start();
		List<String> output = new CopyOnWriteArrayList<>();
		Thread reader = new Thread(() -> readLines(process, output));
		reader.setDaemon(true);
		reader.start();
		try {
			await().atMost(Duration.ofSeconds(60)).until(() -> output.contains(SubscriberApplication.READY));
			assertThat(process.waitFor(3, TimeUnit.SECONDS))
				.as("exited (code %s) after main() returned; output: %s", exitCode(process), output)
				.isFalse();
			process.destroy();
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped on SIGTERM; output: %s", output).isTrue();
		}
		finally {
			process.destroyForcibly();
		}
	}

	private static Object exitCode(Process process) {
		return process.isAlive() ? "none" : process.exitValue();
	}

	private static void readLines(Process process, List<String> output) {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				output.add(line);
			}
		}
		catch (java.io.IOException ex) {
			// The process ended.
		}
	}

	private static Thread thread(String name) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no thread named " + name));
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingThreadFactoryConfiguration {

		final List<Thread> made = new CopyOnWriteArrayList<>();

		@Bean(ZmqKeepaliveAutoConfiguration.THREAD_FACTORY_BEAN_NAME)
		ThreadFactory zmqKeepaliveThreadFactory() {
			return (runnable) -> {
				Thread thread = new Thread(runnable);
				thread.setPriority(Thread.MAX_PRIORITY);
				this.made.add(thread);
				return thread;
			};
		}

	}

	/**
	 * A subscriber service with no web server, as the Quick start builds it: its
	 * {@code main} returns once the application has started.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(ZmqKeepaliveAutoConfiguration.class)
	static class SubscriberApplication {

		static final String READY = "subscriber application started";

		public static void main(String[] args) {
			new SpringApplicationBuilder(SubscriberApplication.class).web(WebApplicationType.NONE)
				.bannerMode(Banner.Mode.OFF)
				.properties("zmq.keepalive.sockets.in.type=sub", "zmq.keepalive.sockets.in.connect=" + args[0],
						"logging.level.root=warn")
				.run();
			System.out.println(READY);
		}

	}

}

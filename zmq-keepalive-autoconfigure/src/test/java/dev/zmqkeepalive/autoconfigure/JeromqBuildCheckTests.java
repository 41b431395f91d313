package dev.zmqkeepalive.autoconfigure;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.zmqkeepalive.autoconfigure.JeromqBuildCheck.Build;
import dev.zmqkeepalive.autoconfigure.JeromqBuildCheck.Finding;

import static org.assertj.core.api.Assertions.assertThat;

class JeromqBuildCheckTests {

	@Test
	void starterRunsOnOneCopyOfThePatchedJeromq() {
		Finding finding = JeromqBuildCheck.inspect(getClass().getClassLoader());
		assertThat(finding.build()).isEqualTo(Build.PATCHED);
		assertThat(finding.copies()).singleElement().asString().contains("zmq-keepalive-jeromq");
		assertThat(finding.warning()).isNull();
	}

	@Test
	void whenOnlyStockJeromqIsPresentThenAWarningSaysWhatIsLost() throws IOException {
		try (URLClassLoader stockOnly = new URLClassLoader(new URL[] { stockJar() }, null)) {
			Finding finding = JeromqBuildCheck.inspect(stockOnly);
			assertThat(finding.build()).isEqualTo(Build.STOCK);
			assertThat(finding.warning()).contains("stock JeroMQ", "heartbeat", "zmq-keepalive-jeromq");
		}
	}

	@Test
	void whenJeromqIsOnTheClassPathTwiceThenAWarningNamesBothCopies() throws IOException {
		try (URLClassLoader both = new URLClassLoader(new URL[] { stockJar() }, getClass().getClassLoader())) {
			Finding finding = JeromqBuildCheck.inspect(both);
			assertThat(finding.copies()).hasSize(2);
			assertThat(finding.warning()).contains("2 times", "jeromq-stock.jar", "zmq-keepalive-jeromq",
					"exclude org.zeromq:jeromq");
		}
	}

	@Test
	void whenJeromqIsMissingThenTheBuildIsUnknown() throws IOException {
		try (URLClassLoader none = new URLClassLoader(new URL[0], null)) {
			Finding finding = JeromqBuildCheck.inspect(none);
			assertThat(finding.build()).isEqualTo(Build.UNKNOWN);
			assertThat(finding.copies()).isEmpty();
		}
	}

	private static URL stockJar() throws IOException {
		Path jar = Path.of(System.getProperty("zmqkeepalive.test.stock-jeromq", "target/stock-jeromq/jeromq-stock.jar"));
		assertThat(jar).as("stock JeroMQ copied by the build").exists();
		return jar.toUri().toURL();
	}

}

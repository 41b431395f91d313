package dev.zmqkeepalive;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's Quick start Java compiles as printed, imports included, against the
 * starter's classes: users copy it.
 */
class ReadmeQuickStartTests {

	private static final Path README = Path.of("..", "README.md");

	@Test
	void whenTheQuickStartJavaIsCompiledAsPrintedThenItCompiles(@TempDir Path classes) throws IOException {
		String readme = Files.readString(README);
		int section = readme.indexOf("## Quick start");
		int start = readme.indexOf("```java", section) + "```java".length();
		String source = readme.substring(start, readme.indexOf("```", start));
		assertThat(source).contains("class Ticks");
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Ticks.java"), JavaFileObject.Kind.SOURCE) {

			@Override
			public CharSequence getCharContent(boolean ignoreEncodingErrors) {
				return source;
			}

		};
		boolean compiled = compiler.getTask(null, null, diagnostics,
				List.of("-proc:none", "-d", classes.toString(), "-classpath", System.getProperty("java.class.path")),
				null, List.of(file))
			.call();
		assertThat(compiled).as(diagnostics.getDiagnostics().toString()).isTrue();
	}

}

package dev.zmqkeepalive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layout the code promises: {@code socket} is a runtime that knows nothing of Spring
 * properties, no package imports one that imports it back, and only
 * {@code autoconfigure} (and the packages under it) turns things into property names.
 * Read from the main sources, so a newcomer's first upward import fails the build.
 */
class PackageLayoutTests {

	private static final Path SOURCES = Path.of("src/main/java/dev/zmqkeepalive");

	private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(dev\\.zmqkeepalive\\.[a-z.]+)\\.[A-Z]",
			Pattern.MULTILINE);

	private static final Pattern PROPERTY_LITERAL = Pattern.compile("\"[^\"\\n]*zmq\\.keepalive\\.[^\"\\n]*\"");

	private static final Map<String, Set<String>> imports = new LinkedHashMap<>();

	private static final Map<String, List<String>> propertyLiterals = new LinkedHashMap<>();

	@BeforeAll
	static void readSources() throws IOException {
		try (Stream<Path> files = Files.walk(SOURCES)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
				String pkg = "dev.zmqkeepalive." + SOURCES.relativize(file.getParent()).toString().replace('/', '.');
				String code = withoutComments(Files.readString(file));
				Set<String> used = imports.computeIfAbsent(pkg, (key) -> new LinkedHashSet<>());
				Matcher matcher = IMPORT.matcher(code);
				while (matcher.find()) {
					if (!matcher.group(1).equals(pkg)) {
						used.add(matcher.group(1));
					}
				}
				Matcher literal = PROPERTY_LITERAL.matcher(code);
				while (literal.find()) {
					propertyLiterals.computeIfAbsent(pkg, (key) -> new ArrayList<>())
						.add(file.getFileName() + ": " + literal.group());
				}
			}
		}
	}

	@Test
	void packagesFormNoCycle() {
		for (String start : imports.keySet()) {
			List<String> cycle = cycleFrom(start, start, new ArrayList<>(List.of(start)), new LinkedHashSet<>());
			assertThat(cycle).as("import cycle through " + start).isEmpty();
		}
	}

	@Test
	void socketRuntimeImportsNeitherSpringBootNorTheLayersAboveIt() throws IOException {
		assertThat(imports.get("dev.zmqkeepalive.socket")).as("packages socket imports")
			.allMatch((used) -> used.equals("dev.zmqkeepalive.event"));
		try (Stream<Path> files = Files.list(SOURCES.resolve("socket"))) {
			for (Path file : files.toList()) {
				assertThat(Files.readString(file)).as(file.toString()).doesNotContain("import org.springframework.boot");
			}
		}
	}

	@Test
	void onlyAutoconfigureImportsAutoconfigure() {
		imports.forEach((pkg, used) -> {
			if (!pkg.startsWith("dev.zmqkeepalive.autoconfigure")) {
				assertThat(used).as("packages " + pkg + " imports").noneMatch((u) -> u.startsWith("dev.zmqkeepalive.autoconfigure"));
			}
		});
	}

	@Test
	void onlyAutoconfigureBuildsPropertyNames() {
		propertyLiterals.forEach((pkg, literals) -> {
			if (!pkg.startsWith("dev.zmqkeepalive.autoconfigure")) {
				assertThat(literals).as("property names written in " + pkg).isEmpty();
			}
		});
	}

	private static List<String> cycleFrom(String start, String current, List<String> path, Set<String> seen) {
		for (String next : imports.getOrDefault(current, Set.of())) {
			if (next.equals(start)) {
				List<String> cycle = new ArrayList<>(path);
				cycle.add(start);
				return cycle;
			}
			if (seen.add(next)) {
				path.add(next);
				List<String> cycle = cycleFrom(start, next, path, seen);
				if (!cycle.isEmpty()) {
					return cycle;
				}
				path.remove(path.size() - 1);
			}
		}
		return List.of();
	}

	private static String withoutComments(String code) {
		return code.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "").replaceAll("\\s//[^\"\\n]*$", "");
	}

}

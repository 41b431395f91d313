import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Applies the unified diffs of a directory to upstream sources, strictly: every hunk must
 * match the upstream file exactly at the line it names, or the build fails naming the file,
 * the hunk and the first line that differs. Written in plain Java so the build needs no
 * {@code patch} program; run by the build with the JDK's source launcher:
 *
 * <pre>java ApplyPatches.java PATCH_DIR UPSTREAM_SOURCES OUTPUT_DIR [COMPLETE_SOURCES_DIR]</pre>
 *
 * Patches are applied in file-name order; each writes the files it changes to OUTPUT_DIR
 * (same relative path), reading a file that an earlier patch changed from there. OUTPUT_DIR
 * is emptied first. With COMPLETE_SOURCES_DIR, that directory is made anew to hold the
 * upstream sources with the patched files in place: the complete source of what is built.
 */
public final class ApplyPatches {

	private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*");

	public static void main(String[] args) throws IOException {
		if (args.length != 3 && args.length != 4) {
			throw new IllegalArgumentException(
					"Usage: java ApplyPatches.java PATCH_DIR UPSTREAM_SOURCES OUTPUT_DIR [COMPLETE_SOURCES_DIR]");
		}
		Path patches = Path.of(args[0]);
		Path upstream = Path.of(args[1]);
		Path output = Path.of(args[2]);
		deleteRecursively(output); // ours alone: a second run starts from upstream again
		List<Path> files;
		try (Stream<Path> listing = Files.list(patches)) {
			files = listing.filter((file) -> file.toString().endsWith(".patch")).sorted().toList();
		}
		if (files.isEmpty()) {
			throw new IllegalStateException("No *.patch file in " + patches);
		}
		for (Path patch : files) {
			apply(patch, upstream, output);
		}
		if (args.length == 4) {
			Path complete = Path.of(args[3]);
			deleteRecursively(complete);
			copyTree(upstream, complete);
			copyTree(output, complete);
		}
	}

	private static void copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> tree = Files.walk(from)) {
			for (Path source : tree.toList()) {
				Path target = to.resolve(from.relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

	private static void apply(Path patch, Path upstream, Path output) throws IOException {
		List<String> lines = Files.readAllLines(patch, StandardCharsets.UTF_8);
		int i = 0;
		int changed = 0;
		while (i < lines.size()) {
			if (!lines.get(i).startsWith("--- ") || i + 1 >= lines.size() || !lines.get(i + 1).startsWith("+++ ")) {
				i++;
				continue;
			}
			String target = stripPrefix(lines.get(i + 1).substring(4).split("\t")[0].trim());
			i += 2;
			Path changedCopy = output.resolve(target);
			Path source = Files.exists(changedCopy) ? changedCopy : upstream.resolve(target);
			if (!Files.exists(source)) {
				throw new IllegalStateException(patch.getFileName() + ": " + target + " is not in " + upstream);
			}
			List<String> original = Files.readAllLines(source, StandardCharsets.UTF_8);
			List<String> result = new ArrayList<>();
			int next = 0;
			while (i < lines.size() && lines.get(i).startsWith("@@")) {
				Matcher hunk = HUNK.matcher(lines.get(i));
				if (!hunk.matches()) {
					throw new IllegalStateException(patch.getFileName() + ": malformed hunk header '" + lines.get(i) + "'");
				}
				String header = lines.get(i);
				int start = Integer.parseInt(hunk.group(1)) - 1;
				if (start < next) {
					throw new IllegalStateException(patch.getFileName() + ": hunk " + header + " of " + target
							+ " overlaps the previous one");
				}
				result.addAll(original.subList(next, start));
				int at = start;
				i++;
				while (i < lines.size() && !lines.get(i).startsWith("@@") && !lines.get(i).startsWith("--- ")) {
					String line = lines.get(i++);
					if (line.startsWith("\\")) {
						continue; // "\ No newline at end of file"
					}
					char kind = line.isEmpty() ? ' ' : line.charAt(0);
					String text = line.isEmpty() ? "" : line.substring(1);
					if (kind == '+') {
						result.add(text);
						continue;
					}
					if (kind != ' ' && kind != '-') {
						break; // trailing text after the last hunk
					}
					if (at >= original.size() || !original.get(at).equals(text)) {
						throw new IllegalStateException(patch.getFileName() + ": hunk " + header + " does not apply to "
								+ target + " at line " + (at + 1) + ": expected '" + text + "' but found '"
								+ (at < original.size() ? original.get(at) : "<end of file>")
								+ "'. Is the upstream version the one the patch was made for?");
					}
					if (kind == ' ') {
						result.add(text);
					}
					at++;
				}
				next = at;
			}
			result.addAll(original.subList(next, original.size()));
			Files.createDirectories(changedCopy.getParent());
			Files.writeString(changedCopy, String.join("\n", result) + "\n", StandardCharsets.UTF_8);
			changed++;
		}
		if (changed == 0) {
			throw new IllegalStateException(patch.getFileName() + " changes no file");
		}
		System.out.println("Applied " + patch.getFileName() + " (" + changed + " files) to " + upstream);
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> tree = Files.walk(directory)) {
			for (Path path : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	private static String stripPrefix(String path) {
		return (path.startsWith("a/") || path.startsWith("b/")) ? path.substring(2) : path;
	}

}

package dev.springmfa;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The docs cite tests as the proof of what they claim: each test they name exists, so
 * that a renamed or deleted test cannot leave a claim without its proof.
 */
class DocumentedTestsTests {

	private static final List<Path> DOCS = List.of(Path.of("../README.md"), Path.of("../docs"));

	private static final List<Path> TEST_SOURCES = List.of(Path.of("src/test/java"),
			Path.of("../mfa-demo-app/src/test/java"));

	// `FooTests`, `*FooTests` (one class per database), `FooTests.method`, or a method
	// alone named as our tests are: `verifyWhenXThenY`.
	private static final Pattern CITED_TEST = Pattern
		.compile("`(?<type>\\*?[A-Z]\\w*Tests?)(?:\\.(?<qualified>\\w+))?`|`(?<method>[a-z]\\w*When\\w*Then\\w*)`");

	private static final Pattern SUPERCLASS = Pattern.compile("class \\w+(?:<[^>]*>)? extends (\\w+)");

	@Test
	void docsWhenTheyCiteTestsThenEachExists() throws IOException {
		Map<String, String> sources = testSources();
		List<String> cited = new ArrayList<>();
		TreeSet<String> missing = new TreeSet<>();
		for (Path doc : markdown()) {
			Matcher matcher = CITED_TEST.matcher(Files.readString(doc));
			while (matcher.find()) {
				cited.add(matcher.group());
				if (!exists(sources, matcher.group("type"), method(matcher))) {
					missing.add(doc + ": " + matcher.group());
				}
			}
		}
		assertThat(cited).hasSizeGreaterThan(50);
		assertThat(missing).isEmpty();
	}

	private static String method(Matcher matcher) {
		return (matcher.group("qualified") != null) ? matcher.group("qualified") : matcher.group("method");
	}

	private static boolean exists(Map<String, String> sources, String type, String method) {
		return sources.keySet()
			.stream()
			.filter((className) -> type == null || isOf(className, type))
			.anyMatch((className) -> method == null || declares(sources, className, method));
	}

	// The method is the class's own or inherited from a test class it extends.
	private static boolean declares(Map<String, String> sources, String className, String method) {
		String source = sources.get(className);
		if (source == null) {
			return false;
		}
		if (source.contains("void " + method + "(")) {
			return true;
		}
		Matcher superclass = SUPERCLASS.matcher(source);
		return superclass.find() && declares(sources, superclass.group(1), method);
	}

	// A class, or a class of a family: `*FooTests` is `H2FooTests` or
	// `AbstractFooTests`, where the family's tests are.
	private static boolean isOf(String className, String type) {
		return type.startsWith("*") ? className.endsWith(type.substring(1)) : className.equals(type);
	}

	private static List<Path> markdown() throws IOException {
		List<Path> docs = new ArrayList<>();
		for (Path root : DOCS) {
			try (Stream<Path> paths = Files.walk(root)) {
				paths.filter((path) -> path.toString().endsWith(".md")).forEach(docs::add);
			}
		}
		return docs;
	}

	private static Map<String, String> testSources() throws IOException {
		List<Path> files = new ArrayList<>();
		for (Path root : TEST_SOURCES) {
			try (Stream<Path> paths = Files.walk(root)) {
				paths.filter((path) -> path.toString().endsWith(".java")).forEach(files::add);
			}
		}
		return files.stream()
			.collect(Collectors.toMap((file) -> file.getFileName().toString().replace(".java", ""),
					DocumentedTestsTests::read, (first, second) -> first + second));
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

package dev.springmfa;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;

import dev.springmfa.autoconfigure.MfaAutoConfiguration;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every public type of the starter is API from 1.0 on: each one is listed in
 * {@code docs/extension-points.md}, and nothing else is public.
 */
class PublicApiTests {

	private static final Path EXTENSION_POINTS = Path.of("../docs/extension-points.md");

	private static final Pattern LISTED_TYPE = Pattern.compile("^\\|\\s*`(dev\\.springmfa\\.[\\w.]+)`",
			Pattern.MULTILINE);

	@Test
	void publicTypesAreTheOnesTheDocsList() throws IOException, ClassNotFoundException {
		assertThat(publicTypes()).containsExactlyInAnyOrderElementsOf(listedTypes());
	}

	@Test
	void publicClassesAreFinalUnlessMeantToBeExtended() throws ClassNotFoundException {
		for (String name : publicTypes()) {
			Class<?> type = ClassUtils.forName(name, getClass().getClassLoader());
			if (!type.isInterface() && !type.isEnum() && !type.isRecord() && !meantToBeExtended(type)) {
				assertThat(Modifier.isFinal(type.getModifiers()) || type.isSealed()).as("%s is final", name).isTrue();
			}
		}
	}

	// Exceptions, events and properties stay open as Spring's own do; JPA entities
	// must, for the persistence provider's proxies.
	private static boolean meantToBeExtended(Class<?> type) {
		return RuntimeException.class.isAssignableFrom(type) || ApplicationEvent.class.isAssignableFrom(type)
				|| type.isAnnotationPresent(Entity.class) || type.isAnnotationPresent(ConfigurationProperties.class);
	}

	private static Set<String> listedTypes() throws IOException {
		Set<String> listed = new TreeSet<>();
		Matcher matcher = LISTED_TYPE.matcher(Files.readString(EXTENSION_POINTS));
		while (matcher.find()) {
			listed.add(matcher.group(1));
		}
		return listed;
	}

	private static Set<String> publicTypes() throws ClassNotFoundException {
		String mainClasses = MfaAutoConfiguration.class.getProtectionDomain().getCodeSource().getLocation().toString();
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
			// Every type, whatever its conditions: auto-configurations are public too.
			@Override
			protected boolean isCandidateComponent(MetadataReader reader) {
				return true;
			}

			@Override
			protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
				return definition.getMetadata().isIndependent();
			}
		};
		scanner.addIncludeFilter((reader, factory) -> true);
		Set<String> types = new TreeSet<>();
		for (BeanDefinition definition : scanner.findCandidateComponents("dev.springmfa")) {
			String name = definition.getBeanClassName();
			Class<?> type = ClassUtils.forName(name, PublicApiTests.class.getClassLoader());
			boolean topLevel = type.getEnclosingClass() == null;
			boolean main = type.getProtectionDomain().getCodeSource().getLocation().toString().equals(mainClasses);
			if (topLevel && main && Modifier.isPublic(type.getModifiers())) {
				types.add(name);
			}
		}
		return types;
	}

}

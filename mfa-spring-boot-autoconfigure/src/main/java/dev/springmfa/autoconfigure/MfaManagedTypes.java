package dev.springmfa.autoconfigure;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.springmfa.authenticator.Authenticator;
import dev.springmfa.authenticator.RecoveryCode;
import dev.springmfa.jwt.RefreshTokenRecord;
import dev.springmfa.throttle.LoginThrottleRecord;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.orm.jpa.persistenceunit.PersistenceManagedTypes;

/**
 * Adds the starter's entities to the application's persistence unit, however the
 * application scans for its own (auto-configuration packages or {@code @EntityScan}),
 * without adding the starter's packages to the application's: its repository scanning and
 * {@code @EntityScan} stay as they are.
 */
final class MfaManagedTypes implements BeanPostProcessor {

	static final List<String> ENTITIES = List.of(Authenticator.class.getName(), RecoveryCode.class.getName(),
			RefreshTokenRecord.class.getName(), LoginThrottleRecord.class.getName());

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		return (bean instanceof PersistenceManagedTypes types) ? withStarterEntities(types) : bean;
	}

	static PersistenceManagedTypes withStarterEntities(PersistenceManagedTypes types) {
		List<String> classNames = new ArrayList<>(types.getManagedClassNames());
		ENTITIES.stream().filter((name) -> !classNames.contains(name)).forEach(classNames::add);
		URL root = types.getPersistenceUnitRootUrl();
		return new Types(classNames, types.getManagedPackages(), root);
	}

	private record Types(List<String> getManagedClassNames, List<String> getManagedPackages,
			@Nullable URL getPersistenceUnitRootUrl) implements PersistenceManagedTypes {

	}

}

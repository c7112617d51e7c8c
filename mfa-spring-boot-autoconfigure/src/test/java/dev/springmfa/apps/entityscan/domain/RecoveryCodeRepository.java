package dev.springmfa.apps.entityscan.domain;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * A Spring Data repository of the app, made by Spring Boot's repository
 * auto-configuration.
 */
public interface RecoveryCodeRepository extends JpaRepository<RecoveryCode, Long> {

	List<RecoveryCode> findByCode(String code);

}

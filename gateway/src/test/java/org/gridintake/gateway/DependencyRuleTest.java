package org.gridintake.gateway;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.gridintake.routes.casedraft.CaseStore;
import org.gridintake.routes.dedup.DuplicateIndex;
import org.gridintake.routes.dedup.OpenCaseIndex;
import org.gridintake.routes.field.GridWorkers;
import org.gridintake.routes.forward.ForwardQueue;
import org.gridintake.routes.forward.PlatformClient;
import org.gridintake.routes.geo.GridLocator;
import org.gridintake.routes.media.PhotoStore;
import org.gridintake.routes.notify.SmsQueue;
import org.gridintake.routes.notify.SmsSender;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The dependency rule: gateway → routes, adapters; adapters → routes; routes depends on
 * no module of ours. Adapters hide behind the core's ports.
 */
class DependencyRuleTest {

	private static JavaClasses production;

	@BeforeAll
	static void importClasses() {
		// routes and adapters arrive as jars on this class path, so jars are not excluded
		production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("org.gridintake.routes", "org.gridintake.adapters", "org.gridintake.gateway");
	}

	@Test
	void routesDependOnNoOtherModule() {
		noClasses().that()
			.resideInAPackage("org.gridintake.routes..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.gridintake.adapters..", "org.gridintake.gateway..")
			.check(production);
	}

	@Test
	void adaptersDependOnlyInward() {
		noClasses().that()
			.resideInAPackage("org.gridintake.adapters..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.gridintake.gateway..")
			.check(production);
	}

	@Test
	void routesKnowNoSpringNorDrivers() {
		noClasses().that()
			.resideInAPackage("org.gridintake.routes..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "io.lettuce..", "org.jsmpp..", "org.postgresql..",
					"org.locationtech..", "java.sql..")
			.check(production);
	}

	@Test
	void adaptersArePackagePrivateBehindPorts() {
		DescribedPredicate<JavaClass> implementsAPort = assignableTo(CaseStore.class)
			.or(assignableTo(DuplicateIndex.class))
			.or(assignableTo(OpenCaseIndex.class))
			.or(assignableTo(GridLocator.class))
			.or(assignableTo(GridWorkers.class))
			.or(assignableTo(PlatformClient.class))
			.or(assignableTo(SmsSender.class))
			.or(assignableTo(ForwardQueue.class))
			.or(assignableTo(SmsQueue.class))
			.or(assignableTo(PhotoStore.class));
		classes().that()
			.resideInAPackage("org.gridintake.adapters..")
			.and()
			.areNotInterfaces()
			.and(implementsAPort)
			.should()
			.notBePublic()
			.check(production);
	}

}

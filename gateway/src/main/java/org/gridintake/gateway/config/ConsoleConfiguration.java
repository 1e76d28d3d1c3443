package org.gridintake.gateway.config;

import org.gridintake.routes.casedraft.CaseStore;
import org.gridintake.routes.dedup.CategoryClassifier;
import org.gridintake.routes.console.ConsoleLookups;
import org.gridintake.routes.dedup.RepeatDeliveryCheck;
import org.gridintake.routes.geo.LocateStep;
import org.gridintake.routes.hotline.CallAmender;
import org.gridintake.routes.hotline.CallAttacher;
import org.gridintake.routes.hotline.CallLogMapper;
import org.gridintake.routes.hotline.HotlineAttachRoute;
import org.gridintake.routes.intake.CaseNumbering;
import org.gridintake.routes.intake.TextNormaliser;
import org.gridintake.routes.routing.CaseRouter;
import org.gridintake.routes.routing.CategoryStep;
import org.gridintake.routes.routing.Taxonomy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the hotline operator console needs beyond plain intake: calls attached to an open
 * case, amendments of a logged call, and the look-ups the page shows while a call is
 * typed in. Built from the same steps as intake, so the console and intake never
 * disagree.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleConfiguration {

	@Bean
	CallAttacher callAttacher(CaseStore store, RepeatDeliveryCheck repeats, GatewayProperties properties) {
		return new CallAttacher(store,
				new CaseNumbering(properties.caseNumberPrefixes(), properties.serviceDistrict(), properties.zone()),
				repeats);
	}

	@Bean
	HotlineAttachRoute hotlineAttachRoute(LocateStep locate, CategoryClassifier classifier, CallAttacher attacher) {
		return new HotlineAttachRoute(new TextNormaliser(), locate, new CategoryStep(classifier), attacher);
	}

	@Bean
	CallAmender callAmender(Taxonomy taxonomy, CategoryClassifier classifier, LocateStep locate, CaseRouter router,
			CaseStore store) {
		return new CallAmender(new CallLogMapper(taxonomy), new TextNormaliser(), locate, new CategoryStep(classifier),
				router, store);
	}

	@Bean
	ConsoleLookups consoleLookups(LocateStep locate, CaseStore store, Taxonomy taxonomy) {
		return new ConsoleLookups(locate, store, taxonomy);
	}

}

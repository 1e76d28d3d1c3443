package org.gridintake.gateway.config;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

import org.apache.camel.ProducerTemplate;

import org.gridintake.adapters.postgres.PostgresAdapters;
import org.gridintake.adapters.sms.SmppAdapters;
import org.gridintake.adapters.sms.SmppGateway;
import org.gridintake.adapters.sms.SmppGatewaySettings;
import org.gridintake.adapters.sms.SmppSettings;
import org.gridintake.routes.casedraft.CaseStore;
import org.gridintake.routes.geo.LocateStep;
import org.gridintake.routes.intake.IntakeResult;
import org.gridintake.routes.notify.DailyTextLimit;
import org.gridintake.routes.notify.NotifyRoute;
import org.gridintake.routes.notify.Notifier;
import org.gridintake.routes.notify.SmsQueue;
import org.gridintake.routes.pipeline.Endpoints;
import org.gridintake.routes.routing.CaseRouter;
import org.gridintake.routes.sms.QuietHours;
import org.gridintake.routes.sms.SmsAddressLocator;
import org.gridintake.routes.sms.SmsDialogue;
import org.gridintake.routes.sms.SmsInbox;
import org.gridintake.routes.sms.SmsInboxHandler;
import org.gridintake.routes.sms.SmsInboxRoute;
import org.gridintake.routes.sms.SmsReplies;
import org.gridintake.routes.sms.SmsResidents;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The SMS channel: the SMPP links, the inbox that keeps what residents text before it is
 * acknowledged, the dialogue that acts on it, and the outbox that texts them back.
 */
@Configuration(proxyBeanMethods = false)
public class SmsChannelConfiguration {

	@Bean(destroyMethod = "close")
	SmppGateway smsGateway(GatewayProperties properties) {
		GatewayProperties.Smpp smpp = properties.smpp();
		List<GatewayProperties.Smpp.Bind> binds = (smpp.binds() == null || smpp.binds().isEmpty())
				? List.of(new GatewayProperties.Smpp.Bind(null, null, null, null, smpp.bindMode())) : smpp.binds();
		List<SmppSettings> links = binds.stream()
			.map((bind) -> new SmppSettings((bind.host() != null) ? bind.host() : smpp.host(),
					(bind.port() != null) ? bind.port() : smpp.port(),
					(bind.systemId() != null) ? bind.systemId() : smpp.systemId(),
					(bind.password() != null) ? bind.password() : ((smpp.password() != null) ? smpp.password() : ""),
					smpp.systemType(), smpp.sourceAddress(), (byte) smpp.sourceTon(), (byte) smpp.sourceNpi(),
					SmppSettings.BindMode.valueOf(bind.bindMode().toUpperCase(Locale.ROOT)), smpp.enquireLinkInterval(),
					smpp.reconnectInitialBackoff(), smpp.reconnectMaxBackoff(), smpp.submitTimeout()))
			.toList();
		// receipts carry the SMSC's local time; mainland SMSCs keep Beijing time
		return SmppAdapters.smsGateway(new SmppGatewaySettings(links, smpp.windowSize(), smpp.maxSubmitsPerSecond(),
				smpp.maxDeliveriesInProgress(), properties.zone()));
	}

	@Bean
	SmsInbox smsInbox(PostgresAdapters postgres) {
		return postgres.smsInbox();
	}

	@Bean
	SmsResidents smsResidents(PostgresAdapters postgres) {
		return postgres.smsResidents();
	}

	@Bean
	QuietHours quietHours(GatewayProperties properties) {
		return new QuietHours(properties.sms().quietHours().start(), properties.sms().quietHours().end(),
				properties.zone());
	}

	/**
	 * Registered with the links as it is built, so nothing is delivered before it can be
	 * stored.
	 */
	@Bean
	SmsInboxHandler smsInboxHandler(SmppGateway links, SmsInbox inbox, SmsQueue texts, GatewayProperties properties) {
		SmsInboxHandler handler = new SmsInboxHandler(inbox, texts, properties.sms().redeliveryWindow());
		links.receiveWith(handler);
		return handler;
	}

	@Bean
	SmsInboxRoute smsInboxRoute(SmsInbox inbox, CaseStore cases, SmsResidents residents, SmsQueue texts,
			LocateStep locate, CaseRouter router, ObjectProvider<ProducerTemplate> camel, GatewayProperties properties,
			Clock clock) {
		GatewayProperties.Sms sms = properties.sms();
		SmsDialogue dialogue = new SmsDialogue(
				(report) -> camel.getObject().requestBody(Endpoints.INTAKE, report, IntakeResult.class),
				new SmsAddressLocator(cases, locate, router, clock), cases, inbox, residents, texts,
				new SmsReplies(sms.replies()),
				new SmsDialogue.Settings(sms.addressWindow(), sms.maxReportsPerDay(), properties.zone()), clock);
		return new SmsInboxRoute(inbox, dialogue, sms.batchSize(), sms.inboxWorkers(), sms.inboxLease(),
				sms.partsTimeout());
	}

	@Bean
	NotifyRoute notifyRoute(SmppGateway links, SmsQueue queue, SmsResidents residents, PostgresAdapters postgres,
			QuietHours quietHours, GatewayProperties properties, Clock clock) {
		GatewayProperties.Sms sms = properties.sms();
		return new NotifyRoute(new Notifier(links, queue, residents::isOptedOut,
				PipelineConfiguration.retryPolicy(sms.retry()), clock, sms.batchSize(), sms.lease(),
				new DailyTextLimit(sms.maxTextsPerNumberPerDay(), properties.zone(), quietHours),
				postgres.dailyTextCounts()));
	}

}

package org.gridintake.gateway.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells a newcomer, once the gateway is up, what to try and where to look. */
@Component
@Profile(EmbeddedDefault.PROFILE)
class EmbeddedGuide {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedGuide.class);

	@EventListener
	void ready(ApplicationReadyEvent event) {
		int port = (event.getApplicationContext() instanceof WebServerApplicationContext web)
				? web.getWebServer().getPort() : 8080;
		log.info(
				"""

						==== gridintake is running on the embedded default ====
						Post a report from the web portal:
						  curl -s -X POST http://localhost:{}/api/v1/reports -H 'Content-Type: application/json' \\
						    -H 'Authorization: Bearer embedded-dev-portal-key-000000001' \\
						    -d '{"text":"饭馆油烟直排熏得受不了。双榆街115号楼下","location":{"lon":116.411522,"lat":39.914483,"crs":"gcj02"},"mobile":"13800138000"}'
						See the case and its history:
						  curl -s -H 'Authorization: Bearer embedded-dev-portal-key-000000001' http://localhost:{}/api/v1/cases/<case_number>
						Text the short code as a resident (the SMSC simulator delivers it over SMPP):
						  curl -s -X POST http://localhost:{}/embedded/sms --data-urlencode from=13900139000 --data-urlencode text=双榆街115号门口井盖丢了
						Post a platform status change (signed; the README shows how): POST /api/v1/platforms/<platform_id>/status
						Sent SMS appear in this log as lines starting 'SMSC simulator: SMS to'.
						Health: http://localhost:{}/actuator/health   Metrics: http://localhost:{}/actuator/prometheus
						""",
				port, port, port, port, port);
	}

}

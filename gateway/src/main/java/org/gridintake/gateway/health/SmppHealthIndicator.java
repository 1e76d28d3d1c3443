package org.gridintake.gateway.health;

import org.gridintake.adapters.sms.SmppGateway;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether the SMSC bind is up. Reported, not fatal: texts wait in the outbox while the
 * bind is down, so the gateway stays in service.
 */
@Component("smsc")
class SmppHealthIndicator implements HealthIndicator {

	private final SmppGateway smpp;

	SmppHealthIndicator(SmppGateway smpp) {
		this.smpp = smpp;
	}

	@Override
	public Health health() {
		Health.Builder health = this.smpp.isReady() ? Health.up()
				: Health.status("DEGRADED").withDetail("bind", "down; texts are queued until it is back");
		return health.withDetail("links", this.smpp.links()).build();
	}

}

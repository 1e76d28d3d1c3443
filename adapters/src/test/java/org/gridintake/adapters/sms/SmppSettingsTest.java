package org.gridintake.adapters.sms;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SmppSettingsTest {

	static SmppSettings settings(String host, int port) {
		return new SmppSettings(host, port, "gateway", "secret", null, "12345", (byte) 0, (byte) 1,
				SmppSettings.BindMode.TRANSCEIVER, Duration.ofSeconds(30), Duration.ofMillis(100),
				Duration.ofSeconds(2), Duration.ofSeconds(5));
	}

	@Test
	void acceptsSensibleSettingsAndDefaultsSystemType() {
		SmppSettings settings = settings("127.0.0.1", 2775);
		assertThat(settings.systemType()).isEmpty();
		assertThat(settings.toString()).contains("password=****").doesNotContain("secret");
	}

	@Test
	void refusesBadValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> settings(" ", 2775));
		assertThatIllegalArgumentException().isThrownBy(() -> settings("127.0.0.1", 0));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SmppSettings("h", 1, "gateway", "longer-than-8", "", "12345", (byte) 0, (byte) 1,
					SmppSettings.BindMode.TRANSMITTER, Duration.ofSeconds(30), Duration.ofMillis(100),
					Duration.ofSeconds(2), Duration.ofSeconds(5)))
			.withMessageContaining("password");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SmppSettings("h", 1, "gateway", "pw", "", "12345", (byte) 9, (byte) 1,
					SmppSettings.BindMode.TRANSMITTER, Duration.ofSeconds(30), Duration.ofMillis(100),
					Duration.ofSeconds(2), Duration.ofSeconds(5)))
			.withMessageContaining("sourceTon");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SmppSettings("h", 1, "gateway", "pw", "", "12345", (byte) 0, (byte) 1,
					SmppSettings.BindMode.TRANSMITTER, Duration.ofSeconds(30), Duration.ofSeconds(3),
					Duration.ofSeconds(2), Duration.ofSeconds(5)))
			.withMessageContaining("reconnectMaxBackoff");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SmppSettings("h", 1, "gateway", "pw", "", "12345", (byte) 0, (byte) 1,
					SmppSettings.BindMode.TRANSMITTER, Duration.ofSeconds(30), Duration.ofMillis(100),
					Duration.ofSeconds(2), Duration.ZERO))
			.withMessageContaining("submitTimeout");
	}

}

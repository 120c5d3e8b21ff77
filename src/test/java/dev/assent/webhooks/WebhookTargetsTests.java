package dev.assent.webhooks;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import dev.assent.shared.InvalidInput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Webhook targets (PRODUCT J3): https, public addresses only unless the development setting allows. */
class WebhookTargetsTests {

	private final WebhookTargets targets = new WebhookTargets(false);

	@Test
	void refusesLoopbackPrivateAndLinkLocalTargetsAlsoThroughDnsNames() {
		for (String url : new String[] { "https://127.0.0.1/hook", "https://10.0.0.1/hook", "https://10.255.1.2/hook",
				"https://169.254.169.254/latest/meta-data", "https://192.168.1.10/", "https://172.16.5.4/",
				"https://[::1]/hook", "https://[fe80::1]/hook", "https://[fd00::1]/hook", "https://0.0.0.0/",
				"https://localhost/hook", "https://100.64.0.1/" }) {
			assertThatThrownBy(() -> targets.require(url)).as(url).isInstanceOf(InvalidInput.class);
		}
	}

	@Test
	void refusesPlainHttpAndCredentialsAndAcceptsPublicHttps() throws Exception {
		assertThatThrownBy(() -> targets.require("http://93.184.215.14/hook")).isInstanceOf(InvalidInput.class);
		assertThatThrownBy(() -> targets.require("https://user:pw@93.184.215.14/hook")).isInstanceOf(InvalidInput.class);
		assertThatThrownBy(() -> targets.require("ftp://93.184.215.14/")).isInstanceOf(InvalidInput.class);
		assertThat(targets.require("https://93.184.215.14/hook").getHost()).isEqualTo("93.184.215.14");
		assertThat(WebhookTargets.isPublic(InetAddress.getByName("8.8.8.8"))).isTrue();
	}

	@Test
	void theDevelopmentSettingAllowsLoopbackOverHttp() {
		assertThat(new WebhookTargets(true).require("http://127.0.0.1:8089/hook").getPort()).isEqualTo(8089);
	}

	@Test
	void signsAsTheStandardWebhooksSpecificationsExample() {
		// The example of the Standard Webhooks reference libraries.
		assertThat(WebhookSignatures.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
				1614265330, "{\"test\": 2432232314}")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
	}

}

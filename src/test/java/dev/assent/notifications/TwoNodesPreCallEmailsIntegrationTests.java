package dev.assent.notifications;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.assent.AssentApplication;
import dev.assent.calls.CallManagement;
import dev.assent.support.Http;
import dev.assent.support.MutableClock;
import dev.assent.support.SmtpServer;
import dev.assent.support.TestClockConfiguration;
import dev.assent.support.TestCompany;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Assent nodes on one PostgreSQL and one SMTP server (PRODUCT E4, DESIGN scale-out): 1,000
 * calls whose pre-call emails fall due at the same moment; both nodes claim pre-call rows and
 * emails ({@code FOR UPDATE SKIP LOCKED} and a lease), and every invitee gets exactly one email.
 */
class TwoNodesPreCallEmailsIntegrationTests {

	static final int CALLS = 1000;

	@TempDir
	Path data;

	@Test
	void twoNodesSendEachOfAThousandPreCallEmailsExactlyOnce() throws Exception {
		SmtpServer smtp = new SmtpServer();
		String[] args = { "--server.port=0", "--assent.demo=false", "--spring.mail.host=127.0.0.1",
				"--spring.mail.port=" + smtp.port(), "--assent.notifications.poll-every=200ms" };
		try (ConfigurableApplicationContext one = node(args, "--assent.db.data-dir=" + data.resolve("pg"))) {
			int dbPort = one.getBean(EmbeddedPostgres.class).getPort();
			try (ConfigurableApplicationContext two = node(args,
					"--spring.datasource.url=jdbc:postgresql://localhost:" + dbPort + "/postgres",
					"--spring.datasource.username=postgres")) {
				MutableClock clock1 = one.getBean(MutableClock.class);
				MutableClock clock2 = two.getBean(MutableClock.class);
				Instant now = clock1.instant().truncatedTo(ChronoUnit.SECONDS);
				clock1.set(now);
				clock2.set(now);
				Http http = new Http(port(one));
				JdbcClient jdbc = one.getBean(JdbcClient.class);
				TestCompany c = TestCompany.create(http, "twomail");
				c.member(http, "Dwight Schrute", "dwight", "https://zoom.us/j/7770001");
				Instant first = now.plus(Duration.ofHours(1));
				// Imported in parts on both nodes, through the module API (an HTTP request might outlast
				// its timeout on a busy machine).
				java.util.UUID companyId = java.util.UUID.fromString(c.id());
				for (int from = 0; from < CALLS; from += 100) {
					ConfigurableApplicationContext node = from % 200 == 0 ? one : two;
					assertThat(node.getBean(CallManagement.class)
						.importCalendar(companyId, calendar(c, first, from, from + 100))
						.created()).hasSize(100);
				}
				await().atMost(Duration.ofSeconds(300))
					.until(() -> jdbc.sql("select count(*) from notifications.pre_calls where status = 'WAITING'")
						.query(Long.class)
						.single() == CALLS);

				// All fall due at once (10 minutes before the first start); none has started.
				Instant due = first.minus(Duration.ofMinutes(10)).plusSeconds(60);
				long t0 = System.nanoTime();
				clock1.set(due);
				clock2.set(due);
				await().atMost(Duration.ofSeconds(300))
					.until(() -> jdbc.sql("select count(*) from notifications.emails where status = 'SENT' and reason = 'PRE_CALL'")
						.query(Long.class)
						.single() == CALLS);
				double seconds = (System.nanoTime() - t0) / 1e9;
				await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);

				List<MimeMessage> received = smtp.received();
				assertThat(received).hasSize(CALLS);
				Set<String> recipients = new HashSet<>();
				Set<String> messageIds = new HashSet<>();
				for (MimeMessage m : received) {
					recipients.add(((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress());
					messageIds.add(m.getMessageID());
				}
				assertThat(recipients).hasSize(CALLS);
				assertThat(messageIds).hasSize(CALLS);
				Map<String, Long> byNode = jdbc.sql("select sent_by, count(*) as n from notifications.emails where reason = 'PRE_CALL' group by sent_by")
					.query((rs, i) -> Map.entry(rs.getString("sent_by"), rs.getLong("n")))
					.list()
					.stream()
					.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
				System.out.printf("Pre-call emails: %d due at once, all handed to SMTP in %.1f s (Java %s); per node: %s%n",
						CALLS, seconds, Runtime.version(), byNode);
				jdbc.sql("""
						select sent_by, count(*) as n, extract(epoch from max(sent_at) - min(sent_at)) as secs
						from notifications.emails where reason = 'PRE_CALL' group by sent_by""").query(rs -> {
					System.out.printf("  node %s: %d emails in %.1f s = %.1f emails/s%n", rs.getString("sent_by"),
							rs.getLong("n"), rs.getDouble("secs"), rs.getLong("n") / Math.max(0.001, rs.getDouble("secs")));
				});
				assertThat(byNode.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(CALLS);
				assertThat(one.getBean(MailOutbox.class).handedOver() + two.getBean(MailOutbox.class).handedOver())
					.isEqualTo(CALLS);
			}
		}
		finally {
			smtp.stop();
		}
	}

	private static ConfigurableApplicationContext node(String[] args, String... more) {
		String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(more))
			.toArray(String[]::new);
		return new SpringApplicationBuilder(AssentApplication.class, TestClockConfiguration.class).run(all);
	}

	/** One-off events {@code from} to {@code to} (of 1,000) starting within one minute, one external invitee each. */
	private static byte[] calendar(TestCompany c, Instant first, int from, int to) {
		DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
		StringBuilder s = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Assent tests//EN\r\n");
		for (int i = from; i < to; i++) {
			Instant start = first.plusSeconds(i % 60);
			s.append("BEGIN:VEVENT\r\nUID:two-nodes-").append(i).append("@test\r\nDTSTAMP:").append(f.format(first))
				.append("\r\nDTSTART:").append(f.format(start)).append("\r\nDTEND:")
				.append(f.format(start.plus(Duration.ofMinutes(30))))
				.append("\r\nSUMMARY:Call ").append(i)
				.append("\r\nORGANIZER:mailto:dwight@").append(c.slug()).append(".example\r\nATTENDEE;CN=Guest ")
				.append(i).append(":mailto:guest").append(i).append("@client.example\r\n")
				.append("LOCATION:https://zoom.us/j/7770001\r\n")
				// The invite carries Dwight's consent link, so no raw-link reminder (E5) goes to him.
				.append("DESCRIPTION:Join through http://localhost/").append(c.slug())
				.append("/dwight to choose whether you are recorded.\r\nEND:VEVENT\r\n");
		}
		return s.append("END:VCALENDAR\r\n").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}

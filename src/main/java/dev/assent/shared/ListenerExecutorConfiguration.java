package dev.assent.shared;

import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The executor that runs the modules' event listeners ({@code @ApplicationModuleListener} is
 * {@code @Async}) — the same bounded pool on every JDK.
 * <p>
 * With {@code spring.threads.virtual.enabled} Spring Boot makes the application executor a
 * {@code SimpleAsyncTaskExecutor} on JDK 21+: one new virtual thread per event and listener, no
 * limit. Importing 1,000 calls then started ~4,000 listener transactions at once against a pool of
 * 16 database connections: most timed out waiting for a connection, and recording a publication as
 * failed needs a connection too, so publications were left unfinished until the staleness monitor
 * took them up (the two-node pre-call test on JDK 25 never saw all its calls scheduled). On JDK 17
 * Boot makes a {@code ThreadPoolTaskExecutor} of {@code spring.task.execution.pool.*} (as many
 * threads as the pool has connections, the rest queued), and that is what runs here on every JDK:
 * events queue instead of fighting for connections. Request handling still uses virtual threads.
 */
@Configuration(proxyBeanMethods = false)
class ListenerExecutorConfiguration {

	@Bean(name = { "applicationTaskExecutor", "taskExecutor" })
	ThreadPoolTaskExecutor applicationTaskExecutor(ThreadPoolTaskExecutorBuilder builder) {
		return builder.build();
	}

}

package dev.assent.integrations;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.event.EventListener;

/** Collects {@link IntegrationDisconnected} events so tests see what was published, per company. */
@TestComponent
public class IntegrationDisconnections {

	private final List<IntegrationDisconnected> events = new CopyOnWriteArrayList<>();

	@EventListener
	void on(IntegrationDisconnected event) {
		events.add(event);
	}

	public List<IntegrationDisconnected> of(UUID companyId) {
		return events.stream().filter(e -> e.companyId().equals(companyId)).toList();
	}

}

package dev.assent.recording;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.assent.recording.spi.RecorderTimeline;

/**
 * The timeline of the simulated recorder's bots for one company (its latest bots and the webhooks
 * each sent), as {@code /admin/recorder} and {@code GET /api/v1/recorder/bots} show it: two queries
 * whatever the number of bots. Empty with a real recorder, which keeps no timeline here.
 */
@Component
class SimulatedBots {

	record Timeline(List<RecorderTimeline.Bot> bots, Map<String, List<RecorderTimeline.Event>> events) {

		List<RecorderTimeline.Event> of(String botId) {
			return events.getOrDefault(botId, List.of());
		}

	}

	private final ObjectProvider<RecorderTimeline> simulator;

	SimulatedBots(ObjectProvider<RecorderTimeline> simulator) {
		this.simulator = simulator;
	}

	Timeline latest(UUID companyId, int limit) {
		RecorderTimeline sim = simulator.getIfAvailable();
		if (sim == null) {
			return new Timeline(List.of(), Map.of());
		}
		List<RecorderTimeline.Bot> bots = sim.bots(companyId, limit);
		return new Timeline(bots, bots.isEmpty() ? Map.of()
				: sim.events(bots.stream().map(RecorderTimeline.Bot::id).toList())
					.stream()
					.collect(Collectors.groupingBy(RecorderTimeline.Event::botId)));
	}

}

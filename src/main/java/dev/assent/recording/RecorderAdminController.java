package dev.assent.recording;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.assent.accounts.Tenant;
import dev.assent.recording.spi.RecorderSettings;
import dev.assent.recording.spi.RecorderTimeline;

/**
 * {@code /admin/recorder} (tech admins): which recorder Assent talks to, the latest commands of the
 * outbox, and the timeline per bot of a recorder that keeps one (the simulated recorder) — of the signed-in admin's
 * company only (the outbox and the simulator serve every company).
 */
@Controller
class RecorderAdminController {

	private final Recorder recorder;

	private final RecorderSettings settings;

	private final Commands commands;

	private final ObjectProvider<RecorderTimeline> simulator;

	RecorderAdminController(Recorder recorder, RecorderSettings settings, Commands commands,
			ObjectProvider<RecorderTimeline> simulator) {
		this.recorder = recorder;
		this.settings = settings;
		this.commands = commands;
		this.simulator = simulator;
	}

	@GetMapping("/admin/recorder")
	String page(@AuthenticationPrincipal Tenant tenant, Model model) {
		model.addAttribute("simulated", recorder.simulated());
		model.addAttribute("kind", settings.kind().name());
		model.addAttribute("url", recorder.simulated() ? recorder.baseUrl() + "/simulator/recorder" : settings.url());
		model.addAttribute("commands", commands.recent(tenant.companyId(), 50));
		RecorderTimeline sim = simulator.getIfAvailable();
		List<RecorderTimeline.Bot> bots = sim == null ? List.of() : sim.bots(tenant.companyId(), 50);
		Map<String, List<RecorderTimeline.Event>> events = sim == null ? Map.of()
				: sim.events(bots.stream().map(RecorderTimeline.Bot::id).toList())
					.stream()
					.collect(Collectors.groupingBy(RecorderTimeline.Event::botId));
		model.addAttribute("bots", bots);
		model.addAttribute("events", events);
		return "recording/recorder";
	}

}

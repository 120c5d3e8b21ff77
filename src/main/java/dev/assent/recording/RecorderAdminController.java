package dev.assent.recording;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.assent.accounts.Tenant;
import dev.assent.recording.spi.RecorderSettings;

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

	private final SimulatedBots bots;

	RecorderAdminController(Recorder recorder, RecorderSettings settings, Commands commands, SimulatedBots bots) {
		this.recorder = recorder;
		this.settings = settings;
		this.commands = commands;
		this.bots = bots;
	}

	@GetMapping("/admin/recorder")
	String page(@AuthenticationPrincipal Tenant tenant, Model model) {
		model.addAttribute("simulated", recorder.simulated());
		model.addAttribute("kind", settings.kind().name());
		model.addAttribute("url", recorder.url());
		model.addAttribute("commands", commands.recent(tenant.companyId(), 50));
		SimulatedBots.Timeline timeline = bots.latest(tenant.companyId(), 50);
		model.addAttribute("bots", timeline.bots());
		model.addAttribute("events", timeline.events());
		return "recording/recorder";
	}

}

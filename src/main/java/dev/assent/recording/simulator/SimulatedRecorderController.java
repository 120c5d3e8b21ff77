package dev.assent.recording.simulator;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Hidden;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.assent.recording.spi.RecorderContext;
import dev.assent.recording.spi.RecorderHttp;
import dev.assent.recording.spi.RecorderSignatures;
import dev.assent.shared.ProblemTypes;

import static dev.assent.recording.spi.RecorderHttp.JSON;

/**
 * The simulated recorder's HTTP side, the Recorder API of API.md under {@code /simulator/recorder}:
 * {@code POST /bots} → {@code 201 {botId}}, {@code POST /bots/{botId}/stop}. It accepts only
 * commands signed with the shared secret (as Assent signs every command).
 */
@RestController
@Hidden
@ConditionalOnExpression(SimulatedRecorderConfiguration.ACTIVE)
class SimulatedRecorderController {

	private final SimulatedRecorder simulator;

	private final RecorderContext recorder;

	SimulatedRecorderController(SimulatedRecorder simulator, RecorderContext recorder) {
		this.simulator = simulator;
		this.recorder = recorder;
	}

	@PostMapping(path = "/simulator/recorder/bots", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> create(@RequestBody byte[] body,
			@RequestHeader(name = RecorderSignatures.HEADER, required = false) @Nullable String signature,
			@RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key) {
		if (!RecorderSignatures.validAssent(recorder.secret(), body, signature)) {
			return unauthorized();
		}
		try {
			JsonNode order = JSON.readTree(body);
			String botId = simulator.create(order, key != null && !key.isBlank() ? key : "none-" + java.util.UUID.randomUUID());
			return ResponseEntity.created(URI.create("/simulator/recorder/bots/" + botId)).body(Map.of("botId", botId));
		}
		catch (RuntimeException ex) {
			return RecorderHttp.problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_INPUT, "Invalid input",
					"Expected {callId, joinUrl, joinAt, plannedEnd?, audioPrompt?}");
		}
	}

	@PostMapping(path = "/simulator/recorder/bots/{botId}/stop", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> stop(@PathVariable String botId, @RequestBody byte[] body,
			@RequestHeader(name = RecorderSignatures.HEADER, required = false) @Nullable String signature) {
		if (!RecorderSignatures.validAssent(recorder.secret(), body, signature)) {
			return unauthorized();
		}
		JsonNode order = JSON.readTree(body);
		String keep = order.path("keepRecordingUntil").asString(null);
		Optional<SimulatedRecorder.Bot> bot = simulator.stop(botId, order.path("reason").asString(null),
				keep == null ? null : Instant.parse(keep));
		if (bot.isEmpty()) {
			return RecorderHttp.problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found",
					"No bot " + botId);
		}
		return ResponseEntity.ok(Map.of("botId", botId, "status", "stopped"));
	}

	/** Deletion of one participant's part (PRODUCT X2): the simulated recorder keeps no audio, so it only acknowledges. */
	@PostMapping(path = "/simulator/recorder/bots/{botId}/deletions", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> delete(@PathVariable String botId, @RequestBody byte[] body,
			@RequestHeader(name = RecorderSignatures.HEADER, required = false) @Nullable String signature) {
		if (!RecorderSignatures.validAssent(recorder.secret(), body, signature)) {
			return unauthorized();
		}
		return ResponseEntity.accepted().body(Map.of("botId", botId, "participant", JSON.readTree(body).path("participant").asString("")));
	}

	/**
	 * The purposes a participant refused (PRODUCT X4): the simulated recorder neither transcribes nor
	 * trains, so it only acknowledges.
	 */
	@PostMapping(path = "/simulator/recorder/bots/{botId}/purposes", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> purposes(@PathVariable String botId, @RequestBody byte[] body,
			@RequestHeader(name = RecorderSignatures.HEADER, required = false) @Nullable String signature) {
		if (!RecorderSignatures.validAssent(recorder.secret(), body, signature)) {
			return unauthorized();
		}
		JsonNode order = JSON.readTree(body);
		return ResponseEntity.accepted().body(Map.of("botId", botId, "participant", order.path("participant").asString(""),
				"refused", order.path("refused").toString()));
	}

	/**
	 * A dial-in caller presses a key on a simulated bot's call (PRODUCT X5): {@code {phone, digit}}
	 * becomes a {@code participant.keypad} webhook, signed and delivered like the simulator's others.
	 */
	@PostMapping(path = "/simulator/recorder/bots/{botId}/keypad", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> keypad(@PathVariable String botId, @RequestBody byte[] body,
			@RequestHeader(name = RecorderSignatures.HEADER, required = false) @Nullable String signature) {
		if (!RecorderSignatures.validAssent(recorder.secret(), body, signature)) {
			return unauthorized();
		}
		JsonNode press = JSON.readTree(body);
		String digit = press.path("digit").asString("");
		if (!digit.matches("[0-9*#]")) {
			return RecorderHttp.problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_INPUT, "Invalid input",
					"Expected {phone, digit} with one key 0-9, * or #");
		}
		if (!simulator.keypad(botId, press.path("phone").asString(null), digit)) {
			return RecorderHttp.problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found",
					"No bot " + botId + " in a call");
		}
		return ResponseEntity.accepted().body(Map.of("botId", botId, "digit", digit));
	}

	private static ResponseEntity<?> unauthorized() {
		return RecorderHttp.problem(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized",
				"Commands must carry X-Assent-Signature.");
	}

}

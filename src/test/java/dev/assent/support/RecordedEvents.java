package dev.assent.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.event.EventListener;

import dev.assent.recording.RecorderCommandFailed;
import dev.assent.recording.RecordingStarted;
import dev.assent.recording.RecordingStopped;

/** Collects the recording module's events so tests can see what was published. */
@TestComponent
public class RecordedEvents {

	private final List<Object> events = new CopyOnWriteArrayList<>();

	@EventListener
	void on(RecordingStarted event) {
		events.add(event);
	}

	@EventListener
	void on(RecordingStopped event) {
		events.add(event);
	}

	@EventListener
	void on(RecorderCommandFailed event) {
		events.add(event);
	}

	public <T> List<T> of(Class<T> type) {
		return events.stream().filter(type::isInstance).map(type::cast).toList();
	}

}

package dev.assent.shared;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.core.EventSerializer;

/**
 * How event publications are stored: JSON written by the application's {@link JsonMapper}. Spring
 * Modulith's default serializer looks the mapper up in the application context for every event;
 * on the decision hot path that lookup cost more than writing the JSON (docs/benchmarks.md §9).
 */
@Configuration(proxyBeanMethods = false)
class EventSerialization {

	@Bean
	EventSerializer eventSerializer(JsonMapper json) {
		return new EventSerializer() {

			@Override
			public Object serialize(Object event) {
				return json.writeValueAsString(event);
			}

			@Override
			public <T> T deserialize(Object serialized, Class<T> type) {
				return json.readValue(serialized.toString(), type);
			}

		};
	}

}

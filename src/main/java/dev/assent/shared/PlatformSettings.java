package dev.assent.shared;

import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Deployment-wide values kept in the database so every node shares them. */
@Component
public class PlatformSettings {

	private final JdbcClient jdbc;

	PlatformSettings(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<String> get(String name) {
		return jdbc.sql("select value from platform.settings where name = ?").param(name).query(String.class).optional();
	}

	/** Returns the stored value, storing {@code initial} first when there is none (race-free across nodes). */
	@Transactional
	public String getOrCreate(String name, Supplier<String> initial) {
		jdbc.sql("insert into platform.settings (name, value) values (?, ?) on conflict (name) do nothing")
			.params(name, initial.get())
			.update();
		return get(name).orElseThrow();
	}

	public void put(String name, String value) {
		jdbc.sql("""
				insert into platform.settings (name, value) values (?, ?)
				on conflict (name) do update set value = excluded.value""").params(name, value).update();
	}

}

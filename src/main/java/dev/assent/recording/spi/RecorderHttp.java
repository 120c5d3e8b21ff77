package dev.assent.recording.spi;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** HTTP helpers shared by the recorder adapters and the recording module's webhook endpoints. */
public final class RecorderHttp {

	/** Problem type of a webhook refused as a possible replay (its time too far from now). */
	public static final URI STALE = URI.create("https://assent.dev/problems/stale-event");

	private RecorderHttp() {
	}

	/** A RestClient over the JDK HttpClient (HTTP/1.1) with short timeouts. */
	public static RestClient restClient(Duration connect, Duration read) {
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(httpClient(connect));
		factory.setReadTimeout(read);
		return RestClient.builder().requestFactory(factory).build();
	}

	/** The JDK HttpClient (HTTP/1.1, no redirects) with a short connect timeout. */
	public static HttpClient httpClient(Duration connect) {
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(connect)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	public static Throwable rootOf(Throwable t) {
		Throwable root = t;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	public static String abbreviate(String text) {
		String t = text.replaceAll("\\s+", " ").strip();
		return t.length() > 200 ? t.substring(0, 200) + "…" : t;
	}

	/** An RFC 9457 problem answer of a webhook or simulator endpoint. */
	public static ResponseEntity<ProblemDetail> problem(HttpStatus status, URI type, String title, String detail) {
		ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
		pd.setType(type);
		pd.setTitle(title);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(pd);
	}

}

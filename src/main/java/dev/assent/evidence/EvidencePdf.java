package dev.assent.evidence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import org.springframework.stereotype.Component;

/**
 * An evidence export as a PDF a person can read: the same content as the JSON, with the notice
 * texts as they were shown, the chain position and the export's hash (which is the hash of the
 * JSON export made at the same moment).
 */
@Component
public class EvidencePdf {

	private final ITemplateEngine templates;

	EvidencePdf(ITemplateEngine templates) {
		this.templates = templates;
	}

	public byte[] render(EvidenceExports.Export export) {
		Context ctx = new Context(Locale.ENGLISH);
		ctx.setVariable("e", export.body());
		String html = templates.process("evidence/export", ctx);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			PdfRendererBuilder builder = new PdfRendererBuilder();
			builder.useFastMode();
			builder.withW3cDocument(new W3CDom().fromJsoup(Jsoup.parse(html)), "/");
			builder.toStream(out);
			builder.run();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

}

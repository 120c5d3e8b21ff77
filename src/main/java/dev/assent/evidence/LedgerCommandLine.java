package dev.assent.evidence;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

import dev.assent.accounts.CompanyManagement;

/**
 * Verification from the command line: {@code java -jar assent.jar --spring.main.web-application-type=none
 * --assent.evidence.verify=<company slug>|all} walks the chains, prints one line per company and
 * exits with 0 when every chain holds, 1 when one is broken, 2 when a company is unknown
 * ({@code scripts/verify-ledger.sh} wraps it).
 */
@Component
@ConditionalOnProperty("assent.evidence.verify")
class LedgerCommandLine implements ApplicationRunner {

	private final LedgerVerification verification;

	private final CompanyManagement companies;

	private final ApplicationContext context;

	LedgerCommandLine(LedgerVerification verification, CompanyManagement companies, ApplicationContext context) {
		this.verification = verification;
		this.companies = companies;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments args) {
		String which = context.getEnvironment().getProperty("assent.evidence.verify", "all");
		int code = verify(which, System.out);
		System.exit(SpringApplication.exit(context, (ExitCodeGenerator) () -> code));
	}

	int verify(String which, PrintStream out) {
		List<UUID> ids = new ArrayList<>();
		if ("all".equals(which)) {
			ids.addAll(verification.companiesWithChains());
		}
		else {
			var company = companies.findBySlug(which);
			if (company.isEmpty()) {
				out.println("unknown company " + which);
				return 2;
			}
			ids.add(company.get().id());
		}
		int code = 0;
		for (UUID id : ids) {
			LedgerVerification.Result r = verification.verify(id);
			if (r.intact()) {
				out.printf("%s intact: %d links, %d records, head %s (%d ms)%n", id, r.links(), r.records(),
						r.head() == null ? "-" : r.head().seq() + " " + r.head().sha256(), r.millis());
			}
			else {
				out.printf("%s BROKEN at link %d%s: %s%n", id, r.firstBroken().linkSeq(),
						r.firstBroken().recordId() == null ? "" : ", record " + r.firstBroken().recordId(),
						r.firstBroken().problem());
				code = 1;
			}
		}
		return code;
	}

}

package compat

import (
	"regexp"
)

// allowRule rewrites, in both traces of the scenarios it applies to, the
// parts of lines that may legitimately differ between the clients; a line
// a rule rewrites to nothing is dropped. Every rule says why.
type allowRule struct {
	// scenarios matches the names of the scenarios the rule applies to.
	scenarios *regexp.Regexp
	re        *regexp.Regexp
	repl      string
	why       string
}

// allowList is the complete list of tolerated differences.
var allowList = []allowRule{
	{
		scenarios: regexp.MustCompile(`.`),
		re:        regexp.MustCompile(`^(report msg [^@ ]+)@\S+ (err=(?:Broker|Local): .* str="[^@]+)@[^"]*"$`),
		repl:      `${1}@<failed> ${2}@<failed>"`,
		why: "the offset of a failed delivery report: librdkafka copies whatever base offset the broker's error " +
			"response carried (-1 from Kafka; 0 or none from kfake, varying between runs), purekafka always " +
			"reports OffsetInvalid; the offset of an undelivered message means nothing",
	},
	{
		scenarios: regexp.MustCompile(`^group/two-members-cooperative$`),
		re:        regexp.MustCompile(`^[AB] AssignedPartitions n=0 .*$`),
		repl:      ``,
		why: "empty incremental assignments: every cooperative rebalance round ends with an assign callback, empty " +
			"for a member that gains nothing, and how many rounds the coordinator runs before the split settles " +
			"depends on when each member's join arrives (kfake sometimes runs one more); the non-empty assigns and " +
			"revokes, and the final split, are compared",
	},
	{
		scenarios: regexp.MustCompile(`^(group/subscribe-regex|badinput/consumer)$`),
		re:        regexp.MustCompile(`^(subscribe bad regex -> .*) text="Invalid regex .*"$`),
		repl:      `${1} text="Local: Invalid argument or configuration"`,
		why: "wording of the error for an invalid pattern: same code; librdkafka's rd_kafka_subscribe returns only " +
			"the code, purekafka's text also names the pattern and Go's regexp error",
	},
	{
		scenarios: regexp.MustCompile(`^config/`),
		re: regexp.MustCompile(`^(combo producer security\.protocol=(?:ssl|sasl_ssl) .*ssl\.(?:ca\.location|key\.location|certificate\.location|` +
			`crl\.location|engine\.location|cipher\.suites|curves\.list|ca\.pem|key\.pem|keystore\.location)=[^:]*: ` +
			`Local: Invalid argument or configuration\(-186\) retriable=false fatal=false timeout=false abort=false) text=".*"$`),
		repl: `${1} text="<TLS library text>"`,
		why: "wording of TLS setup errors: both refuse the setting with the same code; librdkafka's text is OpenSSL's " +
			"error queue (error:0A080002:SSL routines::system lib), purekafka's is crypto/tls's and the os error, or " +
			"says that CRLs and OpenSSL engines are not supported",
	},
	{
		scenarios: regexp.MustCompile(`^config/`),
		re:        regexp.MustCompile(`^(combo producer security\.protocol=ssl ssl\.(?:providers|sigalgs\.list)=bogus): .*$`),
		repl:      `${1}: <OpenSSL-only setting>`,
		why: "ssl.providers and ssl.sigalgs.list name OpenSSL providers and signature algorithm lists, which " +
			"crypto/tls has no equivalent of: purekafka accepts them with a warning on the log channel (its " +
			"documented choice, client/config_test.go goldenDeviations) instead of failing on names OpenSSL would not load",
	},
	{
		scenarios: regexp.MustCompile(`^config/`),
		re:        regexp.MustCompile(`^(producer plugin\.library\.paths=' ?x': Local: Invalid argument or configuration\(-186\) retriable=false fatal=false timeout=false abort=false) text=".*"$`),
		repl:      `${1} text="<plugin loader text>"`,
		why: "wording of a plugin that cannot be loaded: same code; librdkafka's text is dlopen's error, purekafka " +
			"cannot load C plugins at all and says so",
	},
	{
		scenarios: regexp.MustCompile(`^config/`),
		re:        regexp.MustCompile(`^(producer (?:top|dtc) (?:request\.required\.)?acks='1000'): .*$`),
		repl:      `${1}: <acks 2..1000>`,
		why: "acks between 2 and 1000: librdkafka accepts them at construction but every produce then fails " +
			"(brokers accept only -1, 0 and 1) and franz-go cannot express them; purekafka refuses them at " +
			"construction with ErrInvalidArg, so the mistake shows at once",
	},
	{
		scenarios: regexp.MustCompile(`^config/`),
		re:        regexp.MustCompile(`^(combo producer security\.protocol=sasl_ssl sasl\.mechanisms=SCRAM-SHA-1 sasl\.username=u sasl\.password=p): .*$`),
		repl:      `${1}: <SCRAM-SHA-1>`,
		why: "SCRAM-SHA-1 is not a Kafka SASL mechanism: librdkafka accepts the name and fails at authentication, " +
			"purekafka (franz-go has SCRAM-SHA-256/512 only) refuses it at construction with ErrInvalidArg",
	},
	{
		scenarios: regexp.MustCompile(`^(produce/timeout-unreachable|consume/all-brokers-down)$`),
		re:        regexp.MustCompile(`^event Error .* text="0/\d+ brokers are down" .*$`),
		repl:      ``,
		why: "librdkafka's ErrAllBrokersDown text re-reads its count of down brokers after the check that all are " +
			"down, so a reconnection attempt starting in between makes it say \"0/1 brokers are down\"; it is " +
			"the same event as \"1/1\", which both traces carry",
	},
}

// applyAllowList returns lines with every rule for scenario name applied.
func applyAllowList(name string, lines []string) []string {
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		for _, r := range allowList {
			if r.scenarios.MatchString(name) {
				l = r.re.ReplaceAllString(l, r.repl)
			}
		}
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

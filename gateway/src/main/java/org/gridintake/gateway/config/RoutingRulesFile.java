package org.gridintake.gateway.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;

import org.gridintake.adapters.files.FileChecks;
import org.gridintake.routes.routing.PlatformDirectory;
import org.gridintake.routes.routing.RoutingRules;
import org.gridintake.routes.routing.RoutingRulesSource;
import org.gridintake.routes.routing.Taxonomy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The routing rules file, checked whole at start-up (a bad file stops it, naming the
 * entry) and watched afterwards: a changed file is read and checked whole, then swapped
 * in at once; a bad one is logged and the rules in force stay.
 */
final class RoutingRulesFile implements RoutingRulesSource, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(RoutingRulesFile.class);

	private final Path file;

	private final Taxonomy taxonomy;

	private final PlatformDirectory platforms;

	private final Predicate<String> knownArea;

	private final ScheduledExecutorService watcher;

	private volatile RoutingRules current;

	// the content last looked at, so an unchanged or already refused file is not read
	// (or logged) again at every check
	private String lastDigest;

	RoutingRulesFile(Path file, Duration checkInterval, Taxonomy taxonomy, PlatformDirectory platforms,
			Predicate<String> knownArea) {
		this.file = file;
		this.taxonomy = taxonomy;
		this.platforms = platforms;
		this.knownArea = knownArea;
		byte[] content = read();
		this.current = parse(content);
		this.lastDigest = digest(content);
		log.info("Routing rules {}: {} rule(s), urgent words {}", file, this.current.rules().size(),
				this.current.urgentKeywords());
		this.watcher = FileChecks.every(checkInterval, "routing-rules-watcher", this::check);
	}

	@Override
	public RoutingRules current() {
		return this.current;
	}

	/**
	 * Reads the file now: the new rules when it is good, else the error, with the rules
	 * in force kept.
	 */
	synchronized void check() {
		try {
			byte[] content = read();
			String digest = digest(content);
			if (digest.equals(this.lastDigest)) {
				return;
			}
			this.lastDigest = digest;
			RoutingRules rules = parse(content);
			this.current = rules;
			log.info("Routing rules {} reloaded: {} rule(s), urgent words {}", this.file, rules.rules().size(),
					rules.urgentKeywords());
		}
		catch (RuntimeException ex) {
			// the watcher must outlive a bad file: the next edit may fix it
			log.error("Routing rules {} were not reloaded; the rules in force stay: {}", this.file, ex.getMessage());
		}
	}

	private RoutingRules parse(byte[] content) {
		Object document;
		try {
			document = new Yaml(new SafeConstructor(new LoaderOptions()))
				.load(new String(content, StandardCharsets.UTF_8));
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException(this.file + ": not YAML: " + ex.getMessage(), ex);
		}
		try {
			return RoutingRules.read(this.file.toString(), document, this.taxonomy, this.platforms, this.knownArea);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	private byte[] read() {
		try {
			return Files.readAllBytes(this.file);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read the routing rules " + this.file + ": " + ex.getMessage(), ex);
		}
	}

	private static String digest(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		if (this.watcher != null) {
			this.watcher.shutdownNow();
		}
	}

}

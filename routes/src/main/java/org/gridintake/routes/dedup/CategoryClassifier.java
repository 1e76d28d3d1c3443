package org.gridintake.routes.dedup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridintake.routes.routing.Category;
import org.gridintake.routes.routing.Taxonomy;

/**
 * Puts a report's text into the taxonomy, or declines to.
 *
 * <p>
 * Two sources of evidence are combined in one log-linear score per category:
 * <ul>
 * <li>a multinomial naive Bayes over character uni- and bi-grams, trained on labelled
 * history: it learns the many ways residents say a thing (灯一闪一闪, 全黑了) that no keyword
 * list anticipates;</li>
 * <li>the taxonomy's keywords, as a boost added to a category's log score for each
 * keyword character found. The city curates them, they cover categories with little or no
 * history, and an explicit 消防栓 should not be outvoted by the incidental words around it.
 * Each keyword is also fed to the model once as a pseudo-report, so a category nobody has
 * filed yet still has a likelihood model and a prior that is not vanishingly small.</li>
 * </ul>
 * Naive Bayes counts overlapping n-grams as independent evidence (each character appears
 * in a unigram and two bigrams), which makes raw posteriors close to 0 or 1. The summed
 * log-likelihood is therefore divided by a temperature before the softmax, so the
 * confidence is usable as a threshold: on the sample district a confidence of 0.5-0.8 is
 * right roughly two times in three, above 0.9 nearly always. N-grams never seen in
 * training are ignored, so nonsense leaves the posterior at the prior and is declined.
 */
public class CategoryClassifier {

	private final Settings settings;

	private final List<Category> categories;

	private final double[] logPrior;

	private final List<Map<String, Double>> logLikelihood;

	private final double[] logUnseen;

	private final Map<String, Integer> vocabulary = new HashMap<>();

	private final List<Keyword> keywords = new ArrayList<>();

	public CategoryClassifier(Taxonomy taxonomy, List<LabelledText> history) {
		this(taxonomy, history, Settings.DEFAULTS);
	}

	public CategoryClassifier(Taxonomy taxonomy, List<LabelledText> history, Settings settings) {
		this.settings = settings;
		this.categories = taxonomy.all();
		int k = this.categories.size();
		Map<String, Integer> index = new LinkedHashMap<>();
		for (int i = 0; i < k; i++) {
			index.put(this.categories.get(i).code(), i);
		}
		List<Map<String, Integer>> counts = new ArrayList<>();
		long[] totals = new long[k];
		long[] documents = new long[k];
		for (int i = 0; i < k; i++) {
			counts.add(new HashMap<>());
			for (String keyword : this.categories.get(i).keywords()) {
				String normalised = TextFeatures.normalise(keyword);
				if (!normalised.isBlank()) {
					this.keywords.add(new Keyword(normalised, i));
					documents[i]++;
					totals[i] += count(counts.get(i), keyword);
				}
			}
		}
		for (LabelledText labelled : history) {
			Integer i = index.get(labelled.categoryCode());
			// A code the taxonomy no longer lists is a retired category: learning it
			// would
			// only teach the model to answer something routing cannot send anywhere.
			if (i != null && labelled.text() != null) {
				documents[i]++;
				totals[i] += count(counts.get(i), labelled.text());
			}
		}
		long allDocuments = 0;
		for (long d : documents) {
			allDocuments += d;
		}
		int v = this.vocabulary.size();
		double alpha = settings.smoothing();
		this.logPrior = new double[k];
		this.logUnseen = new double[k];
		this.logLikelihood = new ArrayList<>();
		for (int i = 0; i < k; i++) {
			this.logPrior[i] = Math.log((documents[i] + alpha) / (allDocuments + alpha * k));
			double denominator = totals[i] + alpha * v;
			this.logUnseen[i] = Math.log(alpha / denominator);
			Map<String, Double> logs = new HashMap<>();
			for (Map.Entry<String, Integer> entry : counts.get(i).entrySet()) {
				logs.put(entry.getKey(), Math.log((entry.getValue() + alpha) / denominator));
			}
			this.logLikelihood.add(logs);
		}
	}

	private long count(Map<String, Integer> counts, String text) {
		List<String> grams = TextFeatures.ngrams(text);
		for (String gram : grams) {
			counts.merge(gram, 1, Integer::sum);
			this.vocabulary.merge(gram, 1, Integer::sum);
		}
		return grams.size();
	}

	/**
	 * The category of a text when the classifier is at least {@link Settings#threshold()}
	 * sure; empty otherwise, so that the case goes to triage uncategorised rather than to
	 * the wrong platform.
	 */
	public Optional<Classification> classify(String text) {
		return bestGuess(text).filter((guess) -> guess.confidence() >= this.settings.threshold());
	}

	/**
	 * The most probable category whatever its confidence; empty only for a blank text or
	 * an empty taxonomy. For evaluation and for showing an operator a suggestion.
	 */
	public Optional<Classification> bestGuess(String text) {
		Map<String, Double> posterior = posterior(text);
		return posterior.entrySet()
			.stream()
			.max(Map.Entry.comparingByValue())
			.map((best) -> new Classification(best.getKey(), best.getValue()));
	}

	/** The probability of every category, in taxonomy order; empty for a blank text. */
	public Map<String, Double> posterior(String text) {
		Map<String, Double> posterior = new LinkedHashMap<>();
		if (text == null || text.isBlank() || this.categories.isEmpty()) {
			return posterior;
		}
		int k = this.categories.size();
		double[] score = new double[k];
		double[] keywordChars = keywordCharacters(TextFeatures.normalise(text));
		List<String> grams = TextFeatures.ngrams(text);
		for (int i = 0; i < k; i++) {
			double likelihood = 0;
			for (String gram : grams) {
				if (this.vocabulary.containsKey(gram)) {
					likelihood += this.logLikelihood.get(i).getOrDefault(gram, this.logUnseen[i]);
				}
			}
			score[i] = this.logPrior[i] + likelihood / this.settings.temperature()
					+ this.settings.keywordBoost() * keywordChars[i];
		}
		double max = Double.NEGATIVE_INFINITY;
		for (double s : score) {
			max = Math.max(max, s);
		}
		double sum = 0;
		for (int i = 0; i < k; i++) {
			score[i] = Math.exp(score[i] - max);
			sum += score[i];
		}
		for (int i = 0; i < k; i++) {
			posterior.put(this.categories.get(i).code(), score[i] / sum);
		}
		return posterior;
	}

	/**
	 * Characters of each category's keywords found in the text. An occurrence inside a
	 * longer keyword's occurrence does not count, so 垃圾桶破了 is evidence for the bin
	 * (垃圾箱破损) and none for 暴露垃圾.
	 */
	private double[] keywordCharacters(String text) {
		List<int[]> hits = new ArrayList<>();
		for (Keyword keyword : this.keywords) {
			for (int at = text.indexOf(keyword.text()); at >= 0; at = text.indexOf(keyword.text(), at + 1)) {
				hits.add(new int[] { at, at + keyword.text().length(), keyword.category() });
			}
		}
		double[] characters = new double[this.categories.size()];
		for (int[] hit : hits) {
			boolean covered = false;
			for (int[] other : hits) {
				if (other[1] - other[0] > hit[1] - hit[0] && other[0] <= hit[0] && hit[1] <= other[1]) {
					covered = true;
					break;
				}
			}
			if (!covered) {
				characters[hit[2]] += hit[1] - hit[0];
			}
		}
		return characters;
	}

	private record Keyword(String text, int category) {

	}

	/**
	 * How the classifier weighs its evidence.
	 *
	 * @param threshold the confidence below which {@link #classify} declines (0..1)
	 * @param temperature divides the n-gram log-likelihood, undoing the overconfidence of
	 * counting overlapping n-grams as independent (1 = plain naive Bayes)
	 * @param keywordBoost log-odds added per keyword character found
	 * @param smoothing Laplace's additive count for every n-gram in every category
	 */
	public record Settings(double threshold, double temperature, double keywordBoost, double smoothing) {

		/** Chosen on the sample district (see {@code CategoryClassifierQualityTest}). */
		public static final Settings DEFAULTS = new Settings(0.5, 3.0, 0.5, 1.0);

		public Settings {
			if (!(threshold >= 0 && threshold <= 1)) {
				throw new IllegalArgumentException("threshold must be within 0..1, not " + threshold);
			}
			if (!(temperature > 0)) {
				throw new IllegalArgumentException("temperature must be positive, not " + temperature);
			}
			if (!(keywordBoost >= 0)) {
				throw new IllegalArgumentException("keywordBoost must not be negative, not " + keywordBoost);
			}
			if (!(smoothing > 0)) {
				throw new IllegalArgumentException("smoothing must be positive, not " + smoothing);
			}
		}

		public Settings withThreshold(double threshold) {
			return new Settings(threshold, this.temperature, this.keywordBoost, this.smoothing);
		}

	}

}

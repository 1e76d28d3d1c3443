package org.gridintake.routes.routing;

import org.gridintake.routes.dedup.CategoryClassifier;
import org.gridintake.routes.intake.IntakeWork;

/**
 * Keeps the sender's category, or has the classifier put the text into the taxonomy.
 * Below the classifier's threshold the report stays uncategorised and goes to triage: a
 * person sorts it faster than a wrong platform sends it back.
 */
public class CategoryStep {

	private final CategoryClassifier classifier;

	public CategoryStep(CategoryClassifier classifier) {
		this.classifier = classifier;
	}

	public IntakeWork categorise(IntakeWork work) {
		if (work.categoryCode() != null) {
			return work;
		}
		return this.classifier.classify(work.text())
			.map((classification) -> work.withCategory(classification.categoryCode()))
			.orElse(work);
	}

}

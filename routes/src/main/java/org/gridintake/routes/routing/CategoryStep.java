package org.gridintake.routes.routing;

import org.gridintake.routes.intake.IntakeWork;

/** Keeps the sender's category, or guesses one from the text when none was given. */
public class CategoryStep {

	private final Taxonomy taxonomy;

	public CategoryStep(Taxonomy taxonomy) {
		this.taxonomy = taxonomy;
	}

	public IntakeWork categorise(IntakeWork work) {
		if (work.categoryCode() != null) {
			return work;
		}
		return this.taxonomy.guess(work.text()).map((category) -> work.withCategory(category.code())).orElse(work);
	}

}

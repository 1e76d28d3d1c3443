package org.gridintake.routes.dedup;

/**
 * A category for a text and how sure the classifier is.
 *
 * @param categoryCode a taxonomy code
 * @param confidence the posterior probability of that category, 0..1
 */
public record Classification(String categoryCode, double confidence) {

}

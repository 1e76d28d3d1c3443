package org.gridintake.routes.dedup;

/**
 * One report from history whose category a person settled.
 *
 * @param text the report's words (an SMS or portal text, a hotline summary)
 * @param categoryCode the taxonomy code it was filed under
 */
public record LabelledText(String text, String categoryCode) {

}

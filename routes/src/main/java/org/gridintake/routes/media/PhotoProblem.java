package org.gridintake.routes.media;

import org.gridintake.routes.intake.FieldError;

/**
 * Why one photo, or a request's photos together, cannot be taken.
 *
 * @param kind what is wrong, so each web face can answer with its status code
 * @param error the field and a message naming the photo
 */
public record PhotoProblem(Kind kind, FieldError error) {

	public enum Kind {

		/** more photos than a request may carry */
		TOO_MANY,
		/** a photo over the size limit */
		TOO_LARGE,
		/** a part with no bytes */
		EMPTY,
		/** content that is none of the accepted image types, whatever it was called */
		NOT_AN_IMAGE

	}

}

package org.gridintake.gateway.config;

import java.nio.file.Path;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Photos sent with reports: where they are kept, the URL they are published under, and
 * how much a client may send.
 *
 * @param directory where photos are kept; relative paths are taken from the working
 * directory
 * @param publicBaseUrl what a photo's id is appended to in the URLs handed out; an
 * absolute URL (say {@code https://gridintake.example.gov.cn/media/}) lets platforms and
 * Open311 clients fetch them, the relative default only works beside the gateway
 * @param maxPhotoSize the largest photo accepted
 * @param maxPhotos photos per request or report
 * @param maxRequestSize the largest multipart request: photos, form fields and their
 * headers together
 */
@Validated
@ConfigurationProperties("gateway.media")
public record MediaProperties(@NotNull Path directory,
		@NotNull @Pattern(regexp = "(https?://[^/\\s]+)?/(\\S*/)?",
				message = "must be an http(s) URL or a path starting with /, and end with /") String publicBaseUrl,
		@NotNull DataSize maxPhotoSize, @Min(1) @Max(20) int maxPhotos, @NotNull DataSize maxRequestSize) {

	/** Photos are held in memory while they are checked. */
	private static final DataSize LARGEST_PHOTO = DataSize.ofMegabytes(64);

	@AssertTrue(
			message = "max-photo-size must be between 1 byte and 64MB, and max-request-size at least max-photo-size")
	public boolean isConsistent() {
		return this.maxPhotoSize == null || this.maxRequestSize == null
				|| this.maxPhotoSize.toBytes() >= 1 && this.maxPhotoSize.compareTo(LARGEST_PHOTO) <= 0
						&& this.maxRequestSize.compareTo(this.maxPhotoSize) >= 0;
	}

}

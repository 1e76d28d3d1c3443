package org.gridintake.gateway.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridintake.adapters.media.MediaAdapters;
import org.gridintake.routes.media.MediaLinks;
import org.gridintake.routes.media.PhotoIntake;
import org.gridintake.routes.media.PhotoLimits;
import org.gridintake.routes.media.PhotoStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Photos: the store behind the port and the rules photos come in under. */
@Configuration(proxyBeanMethods = false)
public class MediaConfiguration {

	private static final Logger log = LoggerFactory.getLogger(MediaConfiguration.class);

	@Bean
	PhotoStore photoStore(MediaProperties media) {
		return MediaAdapters.diskStore(media.directory());
	}

	@Bean
	PhotoIntake photoIntake(PhotoStore store, MediaProperties media) {
		MediaLinks links = new MediaLinks(media.publicBaseUrl());
		if (!links.isAbsolute()) {
			log.warn(
					"gateway.media.public-base-url is {}: platforms and Open311 clients get photo URLs relative to "
							+ "the gateway, which they cannot fetch; set an absolute URL in production",
					media.publicBaseUrl());
		}
		return new PhotoIntake(store, links, new PhotoLimits(media.maxPhotoSize().toBytes(), media.maxPhotos()));
	}

}

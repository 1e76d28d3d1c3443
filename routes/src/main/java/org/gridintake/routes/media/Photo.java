package org.gridintake.routes.media;

/**
 * A stored photo with its content.
 *
 * @param stored what is known about it
 * @param content its bytes
 */
public record Photo(StoredPhoto stored, byte[] content) {
}

package dev.haguard.cli.pin;

/**
 * A container's {@code image} that is not a string (null, a number, a boolean, a mapping, a sequence):
 * there is nothing to pin, and the manifest would not run as written.
 *
 * @param document  the document's number in its file, from 1
 * @param line      the value's line, from 1
 * @param start     its first character in the file
 * @param container which container: {@code container NAME}, or the list and index of one without a name
 * @param reason    what the value is instead, e.g. {@code the image is null, not a string}
 */
record NonStringImage(int document, int line, int start, String container, String reason) {}

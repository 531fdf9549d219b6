package dev.haguard.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which images Enforce mode pins to digests. */
public enum PinScope {
  /** Only images with a mutable tag (or none): the {@code image-mutable-tag} findings. */
  @JsonProperty("MutableTags")
  MUTABLE_TAGS,
  /** Every image without a digest. */
  @JsonProperty("All")
  ALL,
  @JsonProperty("None")
  NONE;

  @Override
  public String toString() {
    return EnumValues.jsonName(this);
  }
}

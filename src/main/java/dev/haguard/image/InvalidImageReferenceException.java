package dev.haguard.image;

/** An image string the kubelet would refuse (InvalidImageName), with the reason. */
public class InvalidImageReferenceException extends Exception {
  private final String image;

  public InvalidImageReferenceException(String image, String reason) {
    super(reason);
    this.image = image;
  }

  public String image() {
    return image;
  }
}

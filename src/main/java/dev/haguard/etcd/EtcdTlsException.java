package dev.haguard.etcd;

/** The etcd TLS material cannot be used; the message names the file or Secret and what is wrong. */
public final class EtcdTlsException extends Exception {
  public EtcdTlsException(String message, Throwable cause) {
    super(message, cause);
  }
}

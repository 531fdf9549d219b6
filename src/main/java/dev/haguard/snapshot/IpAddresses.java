package dev.haguard.snapshot;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * IP addresses compared as addresses, not strings: {@code fd00:20:1::10} equals
 * {@code fd00:20:1:0:0:0:0:10}, and {@code ::ffff:10.0.0.1} equals {@code 10.0.0.1}. Only literals
 * are parsed; this never asks DNS.
 */
public final class IpAddresses {
  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private IpAddresses() {}

  /**
   * One spelling per address (the JDK's: IPv6 uncompressed, an IPv4-mapped IPv6 address as IPv4),
   * so equal addresses give equal strings; anything that is not an IP literal comes back unchanged.
   */
  public static String canonical(String address) {
    if (address == null || !isLiteral(address)) {
      return address;
    }
    try {
      // A literal that passed isLiteral: InetAddress parses it and never resolves it.
      return InetAddress.getByName(address).getHostAddress();
    } catch (UnknownHostException e) {
      return address;
    }
  }

  /** Whether {@code text} is an IPv4 or IPv6 literal (without brackets or a zone id). */
  static boolean isLiteral(String text) {
    var v4 = IPV4.matcher(text);
    if (v4.matches()) {
      for (int group = 1; group <= 4; group++) {
        if (Integer.parseInt(v4.group(group)) > 255) {
          return false;
        }
      }
      return true;
    }
    return IPV6.matcher(text).matches();
  }
}
